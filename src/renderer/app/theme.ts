/**
 * Light, dark, or whatever the system says: chosen with the top bar's button, kept on this device. The
 * choice is one attribute on the root element; app.css does the rest (the board is shown inverted in
 * dark, so shapes keep their colours and exports stay as drawn).
 */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const KEY = 'lanvas.theme';
const LABELS: Record<Theme, string> = { system: '◐', light: '☀', dark: '☾' };
const TITLES: Record<Theme, string> = { system: 'Theme: as the system (click for light)', light: 'Theme: light (click for dark)', dark: 'Theme: dark (click to follow the system)' };

export function loadTheme(storage: Storage): Theme {
  const saved = storage.getItem(KEY);
  return (THEMES as readonly string[]).includes(saved ?? '') ? (saved as Theme) : 'system';
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

/** The top bar's switch: system, then light, then dark, then system again. */
export function themeSwitch(storage: Storage): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'theme';
  b.dataset.testid = 'theme';
  const show = (theme: Theme) => {
    applyTheme(theme);
    b.textContent = LABELS[theme];
    b.title = TITLES[theme];
    b.setAttribute('aria-label', TITLES[theme]);
    b.dataset.theme = theme;
  };
  show(loadTheme(storage));
  b.addEventListener('click', () => {
    const next = THEMES[(THEMES.indexOf(loadTheme(storage)) + 1) % THEMES.length]!;
    storage.setItem(KEY, next);
    show(next);
  });
  return b;
}

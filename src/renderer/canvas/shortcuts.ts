/**
 * Every keyboard shortcut, in one registry shared by the web client and the desktop app (whose menus
 * show the same accelerators). Pure: a key event in, a command name out. Copy, cut and paste are not
 * here: the browser turns their keys (and the desktop menu's roles) into the DOM's clipboard events,
 * which carry the clipboard without asking for a permission a LAN page cannot have.
 */
export type Command =
  | 'tool.select' | 'tool.hand' | 'tool.pen' | 'tool.line' | 'tool.arrow' | 'tool.rect' | 'tool.ellipse' | 'tool.text' | 'tool.sticky' | 'tool.eraser'
  | 'toolLock' | 'insertImage' | 'undo' | 'redo' | 'delete' | 'duplicate' | 'selectAll' | 'escape'
  | 'bringForward' | 'sendBackward' | 'bringToFront' | 'sendToBack' | 'lock' | 'group' | 'ungroup'
  | 'zoomIn' | 'zoomOut' | 'zoomToFit' | 'zoomReset' | 'grid'
  | 'help';

/** `mod` is Ctrl, or Cmd on a Mac. */
export const SHORTCUTS: readonly (readonly [combo: string, command: Command])[] = [
  ['v', 'tool.select'],
  ['h', 'tool.hand'],
  ['p', 'tool.pen'],
  ['l', 'tool.line'],
  ['a', 'tool.arrow'],
  ['r', 'tool.rect'],
  ['o', 'tool.ellipse'],
  ['t', 'tool.text'],
  ['n', 'tool.sticky'],
  ['e', 'tool.eraser'],
  ['q', 'toolLock'],
  ['mod+u', 'insertImage'],
  ['mod+z', 'undo'],
  ['mod+shift+z', 'redo'],
  ['mod+y', 'redo'],
  ['delete', 'delete'],
  ['backspace', 'delete'],
  ['mod+d', 'duplicate'],
  ['mod+a', 'selectAll'],
  ['escape', 'escape'],
  ['mod+]', 'bringForward'],
  ['mod+[', 'sendBackward'],
  ['mod+shift+]', 'bringToFront'],
  ['mod+shift+[', 'sendToBack'],
  ['mod+shift+l', 'lock'],
  ['mod+g', 'group'],
  ['mod+shift+g', 'ungroup'],
  ['mod+=', 'zoomIn'],
  ['mod++', 'zoomIn'],
  ['mod+-', 'zoomOut'],
  ['shift+1', 'zoomToFit'],
  ['mod+0', 'zoomReset'],
  ["mod+'", 'grid'],
  // "?" is Shift+/ on most layouts and its own key on some.
  ['shift+?', 'help'],
  ['?', 'help'],
];

const table = new Map(SHORTCUTS.map(([combo, command]) => [combo, command]));

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  code?: string;
}

/** The combo string of a key event, e.g. "mod+shift+z". */
export function comboOf(e: KeyLike, isMac: boolean): string {
  const mod = isMac ? e.metaKey : e.ctrlKey;
  // Shifted digits and brackets: use the physical key so "shift+1" is not "!".
  let key = e.key.toLowerCase();
  if (e.code?.startsWith('Digit')) key = e.code.slice(5);
  else if (e.code === 'BracketRight') key = ']';
  else if (e.code === 'BracketLeft') key = '[';
  return [mod ? 'mod' : '', e.shiftKey ? 'shift' : '', e.altKey ? 'alt' : '', key].filter(Boolean).join('+');
}

export function commandFor(e: KeyLike, isMac: boolean): Command | null {
  return table.get(comboOf(e, isMac)) ?? null;
}

/** The first key of a command, as it reads on this platform ('' when it has none). */
export function keysFor(command: Command, isMac: boolean): string {
  const combo = SHORTCUTS.find(([, c]) => c === command)?.[0];
  return combo ? describeCombo(combo, isMac) : '';
}

/** How a combo reads in menus and tooltips on this platform. */
export function describeCombo(combo: string, isMac: boolean): string {
  // The "+" key itself ends a combo as "++".
  const parts = combo.endsWith('++') ? [...combo.slice(0, -2).split('+'), '+'] : combo.split('+');
  return parts
    .map((part) => (part === 'mod' ? (isMac ? '⌘' : 'Ctrl') : part === 'shift' ? (isMac ? '⇧' : 'Shift') : part.length === 1 ? part.toUpperCase() : part[0]!.toUpperCase() + part.slice(1)))
    .join(isMac ? '' : '+');
}

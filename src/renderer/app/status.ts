/** The connection state in the top bar: one word, and why when the session has ended. */
import type { SessionStatus } from '../session/session';

const STATUS_TEXT: Record<SessionStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  closed: 'Offline',
};

const statusEl = () => document.querySelector<HTMLElement>('[data-testid="status"]')!;

export function showStatus(status: SessionStatus, detail?: string): void {
  const el = statusEl();
  el.dataset.status = status;
  el.textContent = status === 'closed' && detail && detail !== 'left' ? `Offline: ${detail}` : STATUS_TEXT[status];
  el.title = detail ?? '';
}

/** Hides it where no session is meant to be shown (the home screen) or shows it again. */
export function statusVisible(visible: boolean): void {
  statusEl().hidden = !visible;
}

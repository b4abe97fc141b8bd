/** The connection state in the top bar: one word, and why when the session has ended. */
import type { SessionStatus } from '../session/session';

const STATUS_TEXT: Record<SessionStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  closed: 'Offline',
};

const statusEl = () => document.querySelector<HTMLElement>('[data-testid="status"]')!;

let hostCannotSave = false;

export function showStatus(status: SessionStatus, detail?: string): void {
  const el = statusEl();
  el.dataset.status = status;
  if (status !== 'connected') hostCannotSave = false; // a new connection hears again whether the host can save
  el.dataset.hostSaving = String(!hostCannotSave);
  el.textContent = status === 'closed' && detail && detail !== 'left' ? `Offline: ${detail}` : hostCannotSave ? 'Connected: the host cannot save' : STATUS_TEXT[status];
  el.title = hostCannotSave ? 'The host cannot write this board (its disk may be full). What you draw waits here and reaches everyone once it can.' : (detail ?? '');
}

/** The host said whether it can write the board; while it cannot, the status says so. */
export function showHostStorage(ok: boolean): void {
  hostCannotSave = !ok;
  showStatus((statusEl().dataset.status as SessionStatus | undefined) ?? 'connected');
}

/** While a join waits its turn (the host turned it away for now): what it waits for, in words. */
export function showWaiting(message: string): void {
  const el = statusEl();
  el.dataset.status = 'connecting';
  el.textContent = message;
  el.title = message;
}

/** Hides it where no session is meant to be shown (the home screen) or shows it again. */
export function statusVisible(visible: boolean): void {
  statusEl().hidden = !visible;
}

/** The renderer's entry: find the session (desktop bridge or page link), join it, show it. */
import { BoardModel } from '../board/board-model';
import { detectPlatform } from '../platform/platform';
import { Session, type SessionStatus } from '../session/session';
import { AppView } from './app-view';
import { debugHooks } from './debug';
import { loadIdentity } from './identity';

const STATUS_TEXT: Record<SessionStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  closed: 'Offline',
};

const statusEl = document.querySelector<HTMLElement>('[data-testid="status"]')!;
const boardNameEl = document.querySelector<HTMLElement>('[data-testid="board-name"]')!;
const joinForm = document.querySelector<HTMLFormElement>('[data-testid="join-form"]')!;

function showStatus(status: SessionStatus, detail?: string): void {
  statusEl.dataset.status = status;
  statusEl.textContent = STATUS_TEXT[status];
  statusEl.title = detail ?? '';
}

async function start(): Promise<void> {
  const platform = detectPlatform();
  const target = await platform.sessionTarget();
  if (target === null) {
    showStatus('closed', 'no session chosen');
    joinForm.hidden = false;
    joinForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const data = new FormData(joinForm);
      const params = new URLSearchParams({ board: String(data.get('board')), secret: String(data.get('secret')) });
      location.hash = params.toString();
      location.reload();
    });
    return;
  }
  boardNameEl.textContent = target.board;
  const session = await Session.join({
    ...target,
    user: loadIdentity(localStorage),
    model: BoardModel,
    view: AppView,
    webSocket: platform.webSocket,
    compressor: platform.compressor,
    onStatus: showStatus,
    onDivergence: (msg) => console.error(`replicas diverged at event ${msg.seq}`, msg.hashes),
  });
  // Exposed for the end-to-end tests and for debugging from the console.
  Object.assign(window, { lanvasSession: session, lanvasDebug: debugHooks(session) });
}

start().catch((error: Error) => showStatus('closed', error.message));

/**
 * The renderer's entry. On the desktop (Electron, or the loopback app in a browser) it is the app:
 * the home screen, boards, sharing, joining by code and links. On a page a host serves, it is that
 * host's session, named by the page's address or chosen in a form.
 */
import type { LanvasBridge, SessionTarget } from '../../shared/ipc-contract';
import { detectPlatform, type Platform } from '../platform/platform';
import { BoardScreen } from './board-screen';
import { HomeView } from './home-view';
import { showStatus, statusVisible } from './status';
import { themeSwitch } from './theme';

function desktop(platform: Platform, bridge: LanvasBridge): void {
  let screen: BoardScreen | null = null;
  const homeRoot = document.querySelector<HTMLElement>('[data-testid="home"]')!;
  const stage = document.querySelector<HTMLElement>('[data-testid="stage"]')!;
  document.querySelector('[data-testid="join-form"]')!.remove(); // the home screen joins by code here
  const goHome = () => {
    screen = null;
    stage.hidden = true;
    statusVisible(false);
    home.show();
  };
  const openTarget = async (target: SessionTarget) => {
    if (screen) await screen.close();
    home.hide();
    stage.hidden = false;
    statusVisible(true);
    try {
      screen = await BoardScreen.open(platform, target, goHome);
    } catch (error) {
      goHome();
      home.showJoinError((error as Error).message);
    }
  };
  const home: HomeView = new HomeView(homeRoot, bridge, {
    open: (board) => void bridge.openBoard({ id: board.id }).then(openTarget),
    join: (target) => void openTarget(target),
  });
  bridge.onMenuCommand((command) => screen?.menu(command));
  bridge.onJoinLink((link) => void (screen ? screen.close() : Promise.resolve()).then(() => (goHome(), home.joinByCode(link.code, link.address))));
  goHome();
  void bridge.pendingJoinLink().then((link) => link && home.joinByCode(link.code, link.address));
  // Closing the window loses nothing (every event is in the board's log) but stores no final snapshot:
  // the board reopens from its newest snapshot plus the log after it. Quitting with the window open
  // (Cmd+Q, the menu) runs one last snapshot round first; see BoardSession.close.
}

function web(platform: Platform): void {
  const target = platform.linkTarget();
  const joinForm = document.querySelector<HTMLFormElement>('[data-testid="join-form"]')!;
  const joinError = joinForm.querySelector<HTMLElement>('[data-testid="join-error"]')!;
  if (target === null) {
    showStatus('closed', 'no session chosen');
    joinForm.hidden = false;
    joinForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const data = new FormData(joinForm);
      const code = String(data.get('code') ?? '').trim();
      const params = code ? new URLSearchParams({ code }) : new URLSearchParams({ board: String(data.get('board')), secret: String(data.get('secret')) });
      if (!code && !(data.get('board') && data.get('secret'))) {
        joinError.textContent = 'Type the invite code (or a board and its secret).';
        return;
      }
      location.hash = params.toString();
      location.reload();
    });
    return;
  }
  BoardScreen.open(platform, target, () => {}).catch((error: Error) => {
    showStatus('closed', error.message);
    joinForm.hidden = false;
    joinError.textContent = error.message;
  });
}

async function start(): Promise<void> {
  document.querySelector('[data-testid="status"]')!.before(themeSwitch(localStorage));
  const platform = await detectPlatform();
  if (platform.bridge) desktop(platform, platform.bridge);
  else web(platform);
}

start().catch((error: Error) => showStatus('closed', error.message));

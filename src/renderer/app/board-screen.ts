/**
 * One open board: joins its session, shows the status (and why, when it ends), and on the desktop adds
 * the way back to the library, sharing on the LAN, menu commands and library thumbnails. Closing it
 * stores a final snapshot first, so the board reopens from where it was left.
 */
import { BoardModel } from '../board/board-model';
import type { Command } from '../canvas/shortcuts';
import type { LanvasBridge, MenuCommand, SessionTarget } from '../../shared/ipc-contract';
import { CloseCode } from '../../shared/protocol';
import { Session, SessionRefusedError } from '../session/session';
import type { Platform } from '../platform/platform';
import { AppView } from './app-view';
import { debugHooks } from './debug';
import { loadIdentity } from './identity';
import { SharePanel } from './share-panel';
import { showStatus } from './status';

/** What a person is told when a host turns them away. */
const REFUSALS: Record<number, string> = {
  [CloseCode.Unauthorized]: 'Wrong code: the host did not accept it.',
  [CloseCode.UnknownBoard]: 'This code has ended (the host issued a new one or stopped sharing).',
  [CloseCode.SessionEnded]: 'The host stopped sharing this board.',
  [CloseCode.Removed]: 'The host removed you from this board.',
  [CloseCode.VersionMismatch]: 'The host runs a different version of Lanvas.',
  [CloseCode.RateLimited]: 'Too many wrong attempts: wait a minute and try again.',
};

const MENU_TO_COMMAND: Partial<Record<MenuCommand, Command>> = {
  undo: 'undo',
  redo: 'redo',
  cut: 'cut',
  copy: 'copy',
  paste: 'paste',
  duplicate: 'duplicate',
  delete: 'delete',
  'select-all': 'selectAll',
  'zoom-in': 'zoomIn',
  'zoom-out': 'zoomOut',
  'zoom-fit': 'zoomToFit',
};

/** The message for a failed join: a refusal's reason in plain words, or what went wrong. */
function joinFailure(error: unknown): string {
  if (error instanceof SessionRefusedError) return REFUSALS[error.code] ?? `The host refused: ${error.reason || error.code}`;
  return (error as Error).message;
}

const JOIN_TIMEOUT_MS = 10_000;

export class BoardScreen {
  private readonly shareButton = document.querySelector<HTMLButtonElement>('[data-testid="share-button"]')!;
  private readonly homeButton = document.querySelector<HTMLButtonElement>('[data-testid="home-button"]')!;
  private readonly panel: SharePanel | null = null;
  private closing: Promise<void> | null = null;
  private readonly onShare = () => void this.panel?.toggle();
  private readonly onHome = () => void this.close().then(() => this.onClosed());

  private constructor(
    private readonly session: Session<BoardModel>,
    private readonly target: SessionTarget,
    private readonly bridge: LanvasBridge | null,
    private readonly onClosed: () => void,
  ) {
    document.querySelector<HTMLElement>('[data-testid="board-name"]')!.textContent = target.name;
    if (bridge) {
      this.homeButton.hidden = false;
      this.homeButton.addEventListener('click', this.onHome);
    }
    if (bridge && target.libraryId) {
      this.panel = new SharePanel(document.querySelector<HTMLElement>('[data-testid="share-panel"]')!, bridge, target.libraryId, session.model, session.viewId);
      this.view.onParticipants = () => this.panel?.renderPeople();
      this.shareButton.hidden = false;
      this.shareButton.addEventListener('click', this.onShare);
    }
    // Exposed for the end-to-end tests and for debugging from the console.
    Object.assign(window, { lanvasSession: session, lanvasDebug: debugHooks(session) });
  }

  /** Joins the target's session and shows it; rejects with a message fit to show if that fails. */
  static async open(platform: Platform, target: SessionTarget, onClosed: () => void): Promise<BoardScreen> {
    let screen: BoardScreen | null = null;
    let session: Session<BoardModel> | null = null;
    const joining = Session.join({
      url: target.url,
      board: target.board,
      secret: target.secret,
      user: loadIdentity(localStorage),
      model: BoardModel,
      view: AppView,
      webSocket: platform.webSocket,
      compressor: platform.compressor,
      onStatus: showStatus,
      onDivergence: (msg) => console.error(`replicas diverged at event ${msg.seq}`, msg.hashes),
      onSnapshotStored: () => void screen?.saveThumbnail(),
    });
    // A host that cannot be reached never refuses: it is just not there.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('The host cannot be reached: it may have stopped, or left the network.')), JOIN_TIMEOUT_MS);
    });
    try {
      session = await Promise.race([joining, timeout]);
    } catch (error) {
      void joining.then((s) => s.leave(), () => {});
      throw new Error(joinFailure(error));
    } finally {
      clearTimeout(timer);
    }
    screen = new BoardScreen(session, target, platform.bridge, onClosed);
    return screen;
  }

  private get view(): AppView {
    return this.session.view as AppView;
  }

  /** A menu accelerator: a text field with focus keeps its own editing; otherwise the board acts. */
  menu(command: MenuCommand): void {
    if (command === 'home') return this.onHome();
    const typing = document.activeElement instanceof HTMLInputElement || document.activeElement instanceof HTMLTextAreaElement;
    const mapped = MENU_TO_COMMAND[command];
    if (typing) {
      const native: Partial<Record<MenuCommand, string>> = { undo: 'undo', redo: 'redo', cut: 'cut', copy: 'copy', paste: 'paste', 'select-all': 'selectAll', delete: 'delete' };
      if (native[command]) document.execCommand(native[command]!);
      return;
    }
    if (mapped) this.view.editor.run(mapped);
  }

  /** Stores a small picture of the board with it in the library. */
  private async saveThumbnail(): Promise<void> {
    if (!this.bridge || !this.target.libraryId || !this.session.view) return;
    const url = this.view.editor.thumbnail();
    if (url === null) return;
    const png = Uint8Array.from(atob(url.slice(url.indexOf(',') + 1)), (c) => c.charCodeAt(0));
    await this.bridge.saveThumbnail({ id: this.target.libraryId, png }).catch((error: Error) => console.warn(`thumbnail not saved: ${error.message}`));
  }

  /** Stores a final snapshot (and thumbnail), leaves, and lets the back end close the board. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.panel?.hide();
      if (this.target.libraryId) {
        await this.session.storeSnapshot();
        await this.saveThumbnail();
      }
      this.session.leave();
      this.homeButton.hidden = true;
      this.shareButton.hidden = true;
      this.homeButton.removeEventListener('click', this.onHome);
      this.shareButton.removeEventListener('click', this.onShare);
      document.querySelector<HTMLElement>('[data-testid="board-name"]')!.textContent = '';
      if (this.bridge && this.target.libraryId) await this.bridge.closeBoard({ id: this.target.libraryId });
    })();
    return this.closing;
  }
}

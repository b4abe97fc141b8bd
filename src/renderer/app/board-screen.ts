/**
 * One open board: joins its session, shows the status (and why, when it ends), and on the desktop adds
 * the way back to the library, sharing on the LAN, menu commands and library thumbnails. Closing it
 * stores a final snapshot first, so the board reopens from where it was left. When the host ends the
 * session (removed, sharing stopped), the board stays on screen read-only, with a way to keep a copy.
 */
import { BoardModel } from '../board/board-model';
import type { Command } from '../canvas/shortcuts';
import type { LanvasBridge, MenuCommand, SessionTarget } from '../../shared/ipc-contract';
import { CloseCode } from '../../shared/protocol';
import { Session, SessionRefusedError } from '../session/session';
import type { Platform } from '../platform/platform';
import { boardFileName } from '../../shared/board-file';
import { fromBase64 } from '../../shared/bytes';
import { MAX_BOARD_NAME } from '../../shared/board-name';
import { AppView } from './app-view';
import { boardCopy } from './board-copy';
import { debugHooks } from './debug';
import { button, download, el, messageOf, note } from './dom';
import { loadIdentity } from './identity';
import { renameInPlace } from './rename-field';
import { SharePanel } from './share-panel';
import { showHostStorage, showStatus, showWaiting } from './status';

/** What a person is told when a host turns them away. */
const REFUSALS: Record<number, string> = {
  [CloseCode.Unauthorized]: 'Wrong code: the host did not accept it.',
  [CloseCode.UnknownBoard]: 'This code has ended (the host issued a new one or stopped sharing).',
  [CloseCode.SessionEnded]: 'The host stopped sharing this board.',
  [CloseCode.Removed]: 'The host removed you from this board.',
  [CloseCode.VersionMismatch]: 'The host runs a different version of Lanvas.',
};

const MENU_TO_COMMAND: Partial<Record<MenuCommand, Command>> = {
  undo: 'undo',
  redo: 'redo',
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
  private readonly keepButton = document.querySelector<HTMLButtonElement>('[data-testid="keep-copy-button"]')!;
  private readonly title = document.querySelector<HTMLElement>('[data-testid="board-name"]')!;
  /** The board's name as shown (renamed from its title, it changes). */
  private name: string;
  private readonly homeButton = document.querySelector<HTMLButtonElement>('[data-testid="home-button"]')!;
  private readonly panel: SharePanel | null = null;
  private closing: Promise<void> | null = null;
  private banner: HTMLElement | null = null;
  private readonly onShare = () => void this.panel?.toggle();
  private readonly onHome = () => void this.close().then(() => this.onClosed());
  /** A tab closed or a window hidden runs no close: the library's picture is kept up to date now. */
  private readonly onHidden = () => document.visibilityState === 'hidden' && void this.saveThumbnail();
  private readonly onRename = () => this.rename();
  private readonly onKeep = () => void this.keepCopy(this.keepButton);

  private constructor(
    private readonly session: Session<BoardModel>,
    private readonly target: SessionTarget,
    private readonly platform: Platform,
    private readonly onClosed: () => void,
  ) {
    this.name = target.name;
    this.title.textContent = target.name;
    const { bridge } = platform;
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
    if (bridge && target.libraryId) {
      // A board opened (an imported one, say) gets its picture once drawn, whatever ends its session.
      requestAnimationFrame(() => void this.saveThumbnail());
      document.addEventListener('visibilitychange', this.onHidden);
      // One's own board is renamed from its title, as from its card in the library.
      this.title.classList.add('renamable');
      this.title.title = 'Rename this board';
      this.title.addEventListener('click', this.onRename);
    } else {
      // Someone else's board: a copy of it can be kept (in the library, or as a file in a browser).
      this.keepButton.textContent = bridge ? 'Keep a copy' : 'Download a copy';
      this.keepButton.hidden = false;
      this.keepButton.addEventListener('click', this.onKeep);
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
      onStatus: (status, detail) => {
        showStatus(status, detail);
        if (status === 'closed') screen?.ended();
      },
      onDivergence: (msg) => console.error(`replicas diverged at event ${msg.seq}`, msg.hashes),
      onSnapshotStored: () => void screen?.saveThumbnail(),
      onHostStorage: (ok) => showHostStorage(ok),
      onTurnedAway: (_, retryInMs) => {
        // The host answered, so it is there: wait for the next try rather than give up on it.
        armTimeout(retryInMs + JOIN_TIMEOUT_MS);
        showWaiting(`Many attempts at this board right now: trying again in ${Math.ceil(retryInMs / 1000)} s…`);
      },
    });
    // A host that cannot be reached never refuses: it is just not there.
    let timer: ReturnType<typeof setTimeout> | undefined;
    let giveUp: (error: Error) => void = () => {};
    const armTimeout = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => giveUp(new Error('The host cannot be reached: it may have stopped, or left the network.')), ms);
    };
    const timeout = new Promise<never>((_, reject) => (giveUp = reject));
    armTimeout(JOIN_TIMEOUT_MS);
    try {
      session = await Promise.race([joining, timeout]);
    } catch (error) {
      void joining.then((s) => s.leave(), () => {});
      throw new Error(joinFailure(error));
    } finally {
      clearTimeout(timer);
    }
    screen = new BoardScreen(session, target, platform, onClosed);
    return screen;
  }

  private get bridge(): LanvasBridge | null {
    return this.platform.bridge;
  }

  /**
   * The host ended the session for good. Nothing drawn from now on could reach anyone, so the board
   * turns read-only (nothing is silently thrown away) and offers to keep what is on screen.
   */
  private ended(): void {
    const ended = this.session.endedBy;
    if (ended === null || this.banner !== null || this.closing !== null || this.session.view === null) return;
    this.view.editor.setReadOnly();
    this.panel?.hide();
    this.shareButton.hidden = true;
    this.keepButton.hidden = true; // the banner offers it now
    const why = REFUSALS[ended.code] ?? `The host ended this session (${ended.reason || ended.code}).`;
    const message = el('span', { text: `${why} What you see stays here, read-only.` });
    const keep = button(this.bridge ? 'Keep a copy in my boards' : 'Download a copy', 'keep-copy', () => void this.keepCopy(keep, message));
    this.banner = el('div', { class: 'ended-banner', testid: 'ended-banner' }, message, keep);
    this.banner.setAttribute('role', 'alert');
    document.querySelector<HTMLElement>('[data-testid="stage"]')!.append(this.banner);
  }

  /**
   * Keeps the board as it is now: in this person's library (the app), or as a .lanvas file (a browser).
   * What happened is said in `message`, or in a note under the top bar when none is given.
   */
  private async keepCopy(keep: HTMLButtonElement, message?: HTMLElement): Promise<void> {
    keep.disabled = true;
    const say = (text: string) => (message ? (message.textContent = text) : note(text));
    const name = `${this.name} (copy)`.slice(0, MAX_BOARD_NAME);
    try {
      const bytes = await boardCopy(this.session.vm!, name, this.platform.compressor, this.thumbnailPng() ?? undefined);
      if (this.bridge) {
        const kept = await this.bridge.importBoard({ bytes });
        say(`Kept in your boards as “${kept.name}”.`);
      } else {
        download(boardFileName(name), bytes);
        say(`Saved as ${boardFileName(name)}: import it in the Lanvas app to go on with it.`);
      }
    } catch (error) {
      say(`The copy could not be kept: ${messageOf(error)}`);
    } finally {
      keep.disabled = false;
    }
  }

  /** The title becomes a field to rename the board (see rename-field). */
  private rename(): void {
    const id = this.target.libraryId;
    if (!this.bridge || !id || this.closing) return;
    const bridge = this.bridge;
    renameInPlace(this.title, this.name, (next) => {
      if (next === null) return;
      bridge.renameBoard({ id, name: next }).then(
        (board) => ((this.name = board.name), (this.title.textContent = board.name)),
        (error: unknown) => note(`The board could not be renamed: ${messageOf(error)}`),
      );
    });
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
      const native: Partial<Record<MenuCommand, string>> = { undo: 'undo', redo: 'redo', 'select-all': 'selectAll', delete: 'delete' };
      if (native[command]) document.execCommand(native[command]!);
      return;
    }
    if (mapped) this.view.editor.run(mapped);
  }

  /** A small picture of the board, as PNG bytes (null for an empty board). */
  private thumbnailPng(): Uint8Array | null {
    const url = this.view.editor.thumbnail();
    return url === null ? null : fromBase64(url.slice(url.indexOf(',') + 1));
  }

  /** Stores a small picture of the board with it in the library. */
  private async saveThumbnail(): Promise<void> {
    if (!this.bridge || !this.target.libraryId || !this.session.view) return;
    const png = this.thumbnailPng();
    if (png === null) return;
    await this.bridge.saveThumbnail({ id: this.target.libraryId, png }).catch((error: Error) => console.warn(`thumbnail not saved: ${error.message}`));
  }

  /** Stores a final snapshot (and thumbnail), leaves, and lets the back end close the board. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.panel?.hide();
      this.banner?.remove();
      if (this.target.libraryId) {
        await this.session.storeSnapshot();
        await this.saveThumbnail();
      }
      this.session.leave();
      this.homeButton.hidden = true;
      this.shareButton.hidden = true;
      this.homeButton.removeEventListener('click', this.onHome);
      document.removeEventListener('visibilitychange', this.onHidden);
      this.shareButton.removeEventListener('click', this.onShare);
      this.keepButton.hidden = true;
      this.keepButton.removeEventListener('click', this.onKeep);
      this.title.removeEventListener('click', this.onRename);
      this.title.classList.remove('renamable');
      this.title.removeAttribute('title');
      this.title.textContent = '';
      if (this.bridge && this.target.libraryId) await this.bridge.closeBoard({ id: this.target.libraryId });
    })();
    return this.closing;
  }
}

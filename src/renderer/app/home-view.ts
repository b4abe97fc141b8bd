/**
 * The home screen: the user's boards (thumbnail, name, last change, size; newest first; search), what
 * can be done with each (open, rename, duplicate, export, delete with undo), import, the trash,
 * joining by invite code, and shared boards nearby on the LAN.
 */
import type { BoardSummary, LanvasBridge, SessionTarget } from '../../shared/ipc-contract';
import { parseJoinInput } from '../../shared/join-link';
import { renameInPlace } from './rename-field';
import { button, download, el, messageOf } from './dom';

export interface HomeActions {
  open(board: BoardSummary): void;
  join(target: SessionTarget): void;
}

function when(ms: number): string {
  const minutes = Math.round((Date.now() - ms) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 24 * 60) return `${Math.round(minutes / 60)} h ago`;
  return new Date(ms).toLocaleDateString();
}

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export class HomeView {
  private readonly search = el('input', { testid: 'search', placeholder: 'Search boards', type: 'search', ariaLabel: 'Search boards' });
  private readonly boards = el('ul', { class: 'boards', testid: 'boards' });
  private readonly error = el('p', { class: 'error', testid: 'home-error' });
  private readonly code = el('input', { testid: 'join-code', placeholder: 'Invite code or link', ariaLabel: 'Invite code or link' });
  private readonly joinError = el('p', { class: 'error', testid: 'join-error' });
  private readonly nearby = el('ul', { class: 'nearby', testid: 'nearby' });
  private readonly trash = el('ul', { class: 'trash', testid: 'trash' });
  private readonly file = el('input', { type: 'file' });
  private nearbyTimer: ReturnType<typeof setInterval> | null = null;
  /** The "Deleted … Undo" toast showing now, and the board it would bring back. */
  private undoToast: { board: string; node: HTMLElement } | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly bridge: LanvasBridge,
    private readonly actions: HomeActions,
  ) {
    this.file.accept = '.lanvas';
    this.file.hidden = true;
    this.file.addEventListener('change', () => void this.importChosen());
    this.search.addEventListener('input', () => void this.refresh());
    const joinForm = el('form', { class: 'join-row' }, this.code, el('button', { type: 'submit', text: 'Join', testid: 'join' }));
    joinForm.addEventListener('submit', (event) => {
      event.preventDefault();
      // A pasted link works too, and carries the host's address (no discovery needed).
      const link = parseJoinInput(this.code.value);
      void this.joinByCode(link?.code ?? this.code.value, link?.address);
    });
    root.replaceChildren(
      el(
        'div',
        { class: 'home-head' },
        el('h1', { text: 'Your boards' }),
        this.search,
        button('New board', 'new-board', () => void this.create(), 'primary'),
        button('Import…', 'import', () => this.file.click()),
        this.file,
      ),
      this.error,
      el('h2', { text: 'Join a shared board' }),
      joinForm,
      this.joinError,
      el('h2', { text: 'Shared nearby' }),
      this.nearby,
      el('h2', { text: 'Boards' }),
      this.boards,
      el('details', {}, el('summary', { text: 'Trash' }), this.trash),
    );
  }

  show(): void {
    this.root.hidden = false;
    void this.refresh();
    void this.refreshNearby();
    this.nearbyTimer = setInterval(() => void this.refreshNearby(), 2000);
  }

  hide(): void {
    this.root.hidden = true;
    if (this.nearbyTimer) clearInterval(this.nearbyTimer);
    this.nearbyTimer = null;
  }

  private async attempt(work: () => Promise<unknown>): Promise<void> {
    this.error.textContent = '';
    try {
      await work();
    } catch (error) {
      this.error.textContent = messageOf(error);
    }
  }

  async refresh(): Promise<void> {
    await this.attempt(async () => {
      const [list, trash] = await Promise.all([this.bridge.listBoards({ query: this.search.value }), this.bridge.listTrash()]);
      this.boards.replaceChildren(...list.map((b) => this.card(b)));
      if (list.length === 0) this.boards.append(el('li', { class: 'details', text: this.search.value ? 'No board has that name.' : 'No boards yet: make one.' }));
      this.trash.replaceChildren(
        ...trash.map((b) => el('li', { testid: 'trashed' }, el('span', { text: b.name }), button('Restore', 'restore', () => void this.restore(b.id)))),
      );
    });
  }

  private card(board: BoardSummary): HTMLLIElement {
    const thumb = el('button', { class: 'thumb', testid: 'open-board', title: `Open ${board.name}`, ariaLabel: `Open ${board.name}` });
    if (board.thumbnail) thumb.style.backgroundImage = `url("${board.thumbnail}")`;
    thumb.addEventListener('click', () => this.actions.open(board));
    const name = el('span', { class: 'name', text: board.name, testid: 'board-title' });
    const card = el(
      'li',
      { class: 'board-card', testid: 'board-card' },
      thumb,
      el('div', { class: 'meta' }, name, el('span', { class: 'details', text: `${when(board.lastChange)} · ${size(board.bytes)}` })),
      el(
        'div',
        { class: 'actions' },
        button('Open', 'open', () => this.actions.open(board)),
        button('Rename', 'rename', () => this.rename(board, name)),
        button('Duplicate', 'duplicate', () => void this.attempt(async () => (await this.bridge.duplicateBoard({ id: board.id }), this.refresh()))),
        button('Export', 'export', () => void this.attempt(async () => this.export(board))),
        button('Delete', 'delete', () => void this.attempt(async () => this.delete(board))),
      ),
    );
    card.dataset.boardId = board.id;
    return card;
  }

  private async create(): Promise<void> {
    await this.attempt(async () => {
      const board = await this.bridge.createBoard({ name: 'Untitled board' });
      this.actions.open(board);
    });
  }

  /** Renames in place (see rename-field). */
  private rename(board: BoardSummary, name: HTMLElement): void {
    renameInPlace(name, board.name, (next) => {
      if (next === null) return void this.refresh();
      void this.attempt(async () => (await this.bridge.renameBoard({ id: board.id, name: next }), this.refresh()));
    });
  }

  private async export(board: BoardSummary): Promise<void> {
    const { fileName, bytes } = await this.bridge.exportBoard({ id: board.id });
    download(fileName, bytes);
  }

  private async delete(board: BoardSummary): Promise<void> {
    await this.bridge.deleteBoard({ id: board.id });
    await this.refresh();
    const toast = el('div', { class: 'toast', testid: 'toast' }, `Deleted “${board.name}”.`, button('Undo', 'undo-delete', () => void this.restore(board.id)));
    this.dropUndoToast();
    this.undoToast = { board: board.id, node: toast };
    document.body.append(toast);
    setTimeout(() => this.undoToast?.node === toast && this.dropUndoToast(), 8000);
  }

  /** Brings a board back from the trash; an Undo toast offering the same is then stale, so it goes. */
  private async restore(id: string): Promise<void> {
    if (this.undoToast?.board === id) this.dropUndoToast();
    await this.attempt(async () => (await this.bridge.restoreBoard({ id }), this.refresh()));
  }

  private dropUndoToast(): void {
    this.undoToast?.node.remove();
    this.undoToast = null;
  }

  private async importChosen(): Promise<void> {
    const chosen = this.file.files?.[0];
    this.file.value = '';
    if (!chosen) return;
    await this.attempt(async () => {
      await this.bridge.importBoard({ bytes: new Uint8Array(await chosen.arrayBuffer()) });
      await this.refresh();
    });
  }

  showJoinError(message: string): void {
    this.joinError.textContent = message;
  }

  /** Finds the host of a code (or takes the link's address) and joins; says clearly what went wrong. */
  async joinByCode(code: string, address?: string): Promise<void> {
    this.joinError.textContent = 'Looking for the board…';
    try {
      const target = await this.bridge.joinByCode(address ? { code, address } : { code });
      this.joinError.textContent = '';
      this.actions.join(target);
    } catch (error) {
      this.joinError.textContent = messageOf(error);
    }
  }

  private async refreshNearby(): Promise<void> {
    const sessions = await this.bridge.nearbySessions().catch(() => []);
    this.nearby.replaceChildren(
      ...sessions.map((s) => {
        // Picking a nearby board fills in the code's public part: the host reads out the rest.
        const pick = el('button', { type: 'button', testid: 'nearby-session', title: `${s.address}:${s.port}: type the rest of its code` }, el('strong', { text: s.name }), ` on ${s.host}`);
        pick.addEventListener('click', () => {
          this.code.value = `${s.codeStart}-`;
          this.code.focus();
          this.joinError.textContent = `Type the rest of the code for “${s.name}”.`;
        });
        return el('li', {}, pick);
      }),
    );
    if (sessions.length === 0) this.nearby.append(el('li', { class: 'empty', text: 'No boards shared on this network right now.' }));
  }
}

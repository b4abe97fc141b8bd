/**
 * Sharing the open board on the LAN: the invite code to read aloud, the link forms (each with a Copy
 * button), a QR code of the browser link, who is here (with a way to remove someone), a new code, and
 * stopping. Everything goes through the desktop bridge.
 */
import type { BoardModel } from '../board/board-model';
import type { LanvasBridge, ShareInfo } from '../../shared/ipc-contract';
import { appLink, webLink } from '../../shared/join-link';
import { copyText } from './copy-text';
import { button, el, messageOf } from './dom';
import { qrCanvas } from './qr-code';

export class SharePanel {
  private info: ShareInfo | null = null;
  private readonly people = el('ul', { testid: 'share-people' });
  private readonly error = el('p', { class: 'error', testid: 'share-error' });

  constructor(
    private readonly root: HTMLElement,
    private readonly bridge: LanvasBridge,
    private readonly boardId: string,
    private readonly model: BoardModel,
    private readonly viewId: string,
  ) {}

  get visible(): boolean {
    return !this.root.hidden;
  }

  async toggle(): Promise<void> {
    if (this.visible) return this.hide();
    this.root.hidden = false;
    this.error.textContent = '';
    try {
      this.info = (await this.bridge.shareInfo({ id: this.boardId })) ?? (await this.bridge.startSharing({ id: this.boardId }));
    } catch (error) {
      this.info = null;
      this.error.textContent = messageOf(error);
    }
    this.render();
  }

  hide(): void {
    this.root.hidden = true;
  }

  private render(): void {
    if (this.info === null) {
      this.root.replaceChildren(el('strong', { text: 'Share on LAN' }), this.error, button('Close', 'share-close', () => this.hide()));
      return;
    }
    const info = this.info;
    const address = info.addresses[0];
    const app = appLink(info.code, address ? `${address}:${info.port}` : undefined);
    const browserLinks = info.addresses.map((a) => webLink(info, a));
    const links = el(
      'div',
      { class: 'links', testid: 'share-links' },
      this.copyable(`App: ${app}`, app, 'copy-app-link'),
      ...browserLinks.map((link, i) => this.copyable(`Browser: ${link}`, link, `copy-web-link-${i}`)),
    );
    const qr = browserLinks[0] === undefined ? [] : [el('figure', { class: 'qr', testid: 'share-qr' }, qrCanvas(browserLinks[0]), el('figcaption', { text: 'Scan to open in a browser on this network' }))];
    this.root.replaceChildren(
      el('strong', { text: 'Shared on your network' }),
      el('span', { text: 'Others join with this code (Lanvas finds this computer on the network):' }),
      el('div', { class: 'code-row' }, el('div', { class: 'code', testid: 'invite-code', text: info.code }), this.copyButton(info.code, 'copy-code')),
      links,
      ...qr,
      el('strong', { text: 'Here now' }),
      this.people,
      this.error,
      el(
        'div',
        { class: 'row' },
        button('New code', 'new-code', () => void this.act(async () => (this.info = await this.bridge.newInviteCode({ id: this.boardId })))),
        button('Stop sharing', 'stop-sharing', () => void this.act(async () => (await this.bridge.stopSharing({ id: this.boardId }), (this.info = null), this.hide()))),
        button('Close', 'share-close', () => this.hide()),
      ),
    );
    this.renderPeople();
  }

  /** A line of text with a Copy button that puts `value` on the clipboard. */
  private copyable(text: string, value: string, testid: string): HTMLElement {
    return el('div', { class: 'copyable' }, el('span', { text }), this.copyButton(value, testid));
  }

  private copyButton(value: string, testid: string): HTMLButtonElement {
    const b: HTMLButtonElement = button('Copy', testid, () =>
      void copyText(value).then(
        () => ((b.textContent = 'Copied'), setTimeout(() => (b.textContent = 'Copy'), 1500)),
        (error: unknown) => (this.error.textContent = messageOf(error)),
      ),
    );
    return b;
  }

  private async act(work: () => Promise<unknown>): Promise<void> {
    this.error.textContent = '';
    try {
      await work();
      if (this.visible) this.render();
    } catch (error) {
      this.error.textContent = messageOf(error);
    }
  }

  /** Called when the model's participants change. */
  renderPeople(): void {
    const items = [...this.model.participants].map(([viewId, p]) => {
      const dot = el('span', { class: 'dot' });
      dot.style.background = p.color;
      const row = el('li', { testid: 'share-person' }, dot, el('span', { class: 'who', text: viewId === this.viewId ? `${p.name} (you)` : p.name }));
      if (viewId !== this.viewId) row.append(button('Remove', 'remove-person', () => void this.act(() => this.bridge.removeParticipant({ id: this.boardId, viewId }))));
      return row;
    });
    this.people.replaceChildren(...items);
  }
}

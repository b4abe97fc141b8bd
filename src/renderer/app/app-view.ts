/**
 * The session's view: the board editor and the chrome around it. It draws whatever the model already
 * holds at once (it may have come from a snapshot), then follows the model's changes.
 */
import type { BoardModel, ShapesChanged } from '../board/board-model';
import { Editor } from '../canvas/editor';
import { isTyping } from '../canvas/input';
import { commandFor } from '../canvas/shortcuts';
import { View, type ViewHost } from '../session/view';
import { download } from './dom';
import { Toolbar } from './toolbar';

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
const CLIPBOARD_EVENTS = ['copy', 'cut', 'paste'] as const;

export class AppView extends View<BoardModel> {
  readonly editor: Editor;
  /** Told after the participant list changed (the share panel lists them too). */
  onParticipants: (() => void) | null = null;
  private readonly list = document.querySelector<HTMLUListElement>('[data-testid="participants"]')!;
  private readonly toolbar: Toolbar;
  private readonly canvasHost: HTMLDivElement;
  private readonly onKey = (event: KeyboardEvent) => {
    if (isTyping(event)) return;
    const command = commandFor(event, isMac);
    if (command === null) return;
    event.preventDefault();
    this.editor.run(command);
  };
  /** The board's copy, cut and paste; a text field keeps its own. */
  private readonly onClipboard = (event: ClipboardEvent) => {
    if (isTyping(event) || !event.clipboardData) return;
    if (event.type === 'paste') {
      event.preventDefault();
      this.editor.pasteFrom(event.clipboardData.getData('text/plain'));
    } else if (this.editor.copyTo(event.clipboardData, event.type === 'cut')) {
      event.preventDefault();
    }
  };

  constructor(model: BoardModel, session: ViewHost) {
    super(model, session);
    const stage = document.querySelector<HTMLElement>('[data-testid="stage"]')!;
    this.canvasHost = document.createElement('div');
    this.canvasHost.className = 'canvas';
    this.canvasHost.dataset.testid = 'canvas';
    stage.append(this.canvasHost);
    this.editor = new Editor(this.canvasHost, model, session);
    this.editor.zoomToFit();
    const top = document.querySelector<HTMLElement>('[data-testid="toolbar"]')!;
    const side = document.querySelector<HTMLElement>('[data-testid="stylebar"]')!;
    top.hidden = false;
    side.hidden = false;
    this.toolbar = new Toolbar({ top, side }, this.editor, isMac, download);
    this.editor.onChange = () => this.toolbar.update();
    this.renderParticipants();

    this.subscribe(model.id, 'shapes', (change) => this.editor.applyChanges(change as ShapesChanged));
    this.subscribe(model.id, 'participants', () => {
      this.renderParticipants();
      this.editor.participantsChanged();
      this.onParticipants?.();
    });
    this.subscribeEphemeral((from, data) => this.editor.presence.receive(from, data));
    window.addEventListener('keydown', this.onKey);
    for (const type of CLIPBOARD_EVENTS) document.addEventListener(type, this.onClipboard);
  }

  private renderParticipants(): void {
    const items = [...this.model.participants].map(([viewId, p]) => {
      const li = document.createElement('li');
      li.textContent = viewId === this.viewId ? `${p.name} (you)` : p.name;
      li.style.background = p.color;
      li.dataset.viewId = viewId;
      return li;
    });
    this.list.replaceChildren(...items);
  }

  override update(): void {
    this.editor.frame();
  }

  override detach(): void {
    super.detach();
    window.removeEventListener('keydown', this.onKey);
    for (const type of CLIPBOARD_EVENTS) document.removeEventListener(type, this.onClipboard);
    this.editor.destroy();
    this.canvasHost.remove();
    for (const id of ['toolbar', 'stylebar']) {
      const bar = document.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;
      bar.replaceChildren();
      bar.hidden = true;
    }
    this.list.replaceChildren();
  }
}

/**
 * The session's view: the board editor and the chrome around it. It draws whatever the model already
 * holds at once (it may have come from a snapshot), then follows the model's changes.
 */
import { BOARD_SCOPE, type BoardModel, type ShapesChanged } from '../board/board-model';
import { Editor } from '../canvas/editor';
import { isTyping } from '../canvas/input';
import { commandFor } from '../canvas/shortcuts';
import { View, type ViewHost } from '../session/view';
import { button, download, el, note } from './dom';
import { pickImages } from './image-picker';
import { ContextMenu } from './context-menu';
import { IdentityEditor } from './identity-editor';
import { ShortcutHelp } from './shortcut-help';
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
  private readonly help = new ShortcutHelp(isMac);
  private readonly identity: IdentityEditor;
  private readonly menu: ContextMenu;
  /** What an empty board says to do, until it has a shape. */
  private readonly emptyHint = el(
    'p',
    { class: 'empty-hint', testid: 'empty-hint' },
    'An empty board. Pick a tool and draw: ',
    el('kbd', { text: 'P' }), ' pen, ', el('kbd', { text: 'R' }), ' rectangle, ', el('kbd', { text: 'T' }), ' text, ', el('kbd', { text: 'N' }), ' sticky note. ',
    'Paste to bring shapes in; press ', el('kbd', { text: '?' }), ' for every key.',
  );
  private readonly onKey = (event: KeyboardEvent) => {
    // The open list takes its own keys (Escape closes it); the board is not driven from behind it.
    if (isTyping(event) || this.help.isOpen || this.identity.isOpen || this.menu.isOpen) return;
    const command = commandFor(event, isMac);
    if (command === null) return;
    event.preventDefault();
    if (command === 'help') this.help.toggle();
    else this.editor.run(command);
  };
  /** The board's copy, cut and paste; a text field keeps its own. */
  private readonly onClipboard = (event: ClipboardEvent) => {
    if (isTyping(event) || !event.clipboardData) return;
    if (event.type === 'paste') {
      event.preventDefault();
      // Files (an image copied from another app, a file copied in a file manager) go in as images.
      const files = [...event.clipboardData.files];
      if (files.length > 0) void this.editor.insertImages(files);
      else this.editor.pasteFrom(event.clipboardData.getData('text/plain'));
    } else if (this.editor.copyTo(event.clipboardData, event.type === 'cut')) {
      event.preventDefault();
    }
  };

  /** Files dragged over the board may be dropped on it (the page would otherwise open them). */
  private readonly onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = this.editor.editable ? 'copy' : 'none';
  };
  private readonly onDrop = (event: DragEvent) => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    const box = this.canvasHost.getBoundingClientRect();
    void this.editor.insertImages([...event.dataTransfer.files], { x: event.clientX - box.left, y: event.clientY - box.top });
  };

  constructor(model: BoardModel, session: ViewHost) {
    super(model, session);
    const stage = document.querySelector<HTMLElement>('[data-testid="stage"]')!;
    this.canvasHost = document.createElement('div');
    this.canvasHost.className = 'canvas';
    this.canvasHost.dataset.testid = 'canvas';
    stage.append(this.canvasHost, this.emptyHint);
    this.showEmptyHint();
    this.editor = new Editor(this.canvasHost, model, session);
    this.menu = new ContextMenu(this.editor, isMac, () => this.help.toggle());
    this.editor.onContextMenu = (x, y) => this.menu.open(x, y);
    this.editor.onInsertImage = () => void pickImages().then((files) => this.editor.insertImages(files));
    this.editor.onNotice = note;
    this.canvasHost.addEventListener('dragover', this.onDragOver);
    this.canvasHost.addEventListener('drop', this.onDrop);
    this.identity = new IdentityEditor(
      () => session.user,
      (user) => {
        session.setUser(user);
        this.publish(BOARD_SCOPE, 'identity', user);
      },
    );
    this.editor.zoomToFit();
    const top = document.querySelector<HTMLElement>('[data-testid="toolbar"]')!;
    const side = document.querySelector<HTMLElement>('[data-testid="stylebar"]')!;
    top.hidden = false;
    side.hidden = false;
    this.toolbar = new Toolbar({ top, side }, this.editor, isMac, download, () => this.help.toggle());
    this.editor.onChange = () => this.toolbar.update();
    this.renderParticipants();

    this.subscribe(model.id, 'shapes', (change) => {
      this.editor.applyChanges(change as ShapesChanged);
      this.showEmptyHint();
    });
    this.subscribe(model.id, 'participants', () => {
      this.renderParticipants();
      this.editor.participantsChanged();
      this.onParticipants?.();
    });
    this.subscribeEphemeral((from, data) => this.editor.presence.receive(from, data));
    window.addEventListener('keydown', this.onKey);
    for (const type of CLIPBOARD_EVENTS) document.addEventListener(type, this.onClipboard);
  }

  private showEmptyHint(): void {
    this.emptyHint.hidden = this.model.order.length > 0;
  }

  private renderParticipants(): void {
    const items = [...this.model.participants].map(([viewId, p]) => {
      const li = document.createElement('li');
      li.style.background = p.color;
      li.dataset.viewId = viewId;
      if (viewId !== this.viewId) {
        li.textContent = p.name;
        return li;
      }
      // Your own entry changes your name and colour.
      const me = button(`${p.name} (you)`, 'identity-button', () => this.identity.open(me));
      me.title = 'Change your name and colour';
      li.append(me);
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
    this.emptyHint.remove();
    this.help.destroy();
    this.identity.destroy();
    this.menu.destroy();
    for (const id of ['toolbar', 'stylebar']) {
      const bar = document.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;
      bar.replaceChildren();
      bar.hidden = true;
    }
    this.list.replaceChildren();
  }
}

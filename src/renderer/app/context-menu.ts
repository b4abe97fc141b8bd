/**
 * The right-click menu on the board: what can be done with the selection there (or with the board, on
 * empty canvas). Copy and cut go through the DOM's clipboard events like the keys; paste is offered
 * where the page may read the clipboard (the app, a secure page), since a LAN page cannot.
 */
import type { Editor } from '../canvas/editor';
import { describeCombo, keysFor, type Command } from '../canvas/shortcuts';
import { el } from './dom';

interface Item {
  label: string;
  testid: string;
  run: () => void;
  keys?: string;
}

export class ContextMenu {
  private readonly menu = el('div', { class: 'context-menu', testid: 'context-menu' });
  private readonly onDown = (event: Event) => !this.menu.contains(event.target as Node) && this.close();
  private readonly onKey = (event: KeyboardEvent) => event.key === 'Escape' && this.close();

  constructor(
    private readonly editor: Editor,
    private readonly isMac: boolean,
    private readonly showHelp: () => void,
  ) {
    this.menu.setAttribute('role', 'menu');
    this.menu.hidden = true;
    document.body.append(this.menu);
  }

  get isOpen(): boolean {
    return !this.menu.hidden;
  }

  open(clientX: number, clientY: number): void {
    const selected = this.editor.selection.ids.size > 0;
    const editable = this.editor.editable;
    const command = (label: string, testid: string, c: Command): Item => ({ label, testid, run: () => this.editor.run(c), keys: keysFor(c, this.isMac) });
    const items: (Item | 'separator')[] = [];
    if (selected) {
      items.push({ label: 'Copy', testid: 'menu-copy', run: () => document.execCommand('copy'), keys: describeCombo('mod+c', this.isMac) });
      if (editable) {
        items.push({ label: 'Cut', testid: 'menu-cut', run: () => document.execCommand('cut'), keys: describeCombo('mod+x', this.isMac) });
        items.push(command('Duplicate', 'menu-duplicate', 'duplicate'), command('Delete', 'menu-delete', 'delete'), 'separator');
        items.push(command('Bring to front', 'menu-front', 'bringToFront'), command('Send to back', 'menu-back', 'sendToBack'), 'separator');
        const shapes = this.editor.selectedShapes();
        items.push(command(shapes.some((s) => !s.locked) ? 'Lock' : 'Unlock', 'menu-lock', 'lock'));
        if (shapes.length > 1) items.push(command('Group', 'menu-group', 'group'));
        if (shapes.some((s) => s.group !== '')) items.push(command('Ungroup', 'menu-ungroup', 'ungroup'));
        items.push('separator');
      }
    }
    if (editable && typeof navigator.clipboard?.readText === 'function') {
      items.push({ label: 'Paste', testid: 'menu-paste', run: () => void navigator.clipboard.readText().then((text) => this.editor.pasteFrom(text), () => {}), keys: describeCombo('mod+v', this.isMac) });
    }
    if (editable && !selected) items.push(command('Insert image…', 'menu-insert-image', 'insertImage'));
    items.push(command('Select all', 'menu-select-all', 'selectAll'), command('Zoom to fit', 'menu-zoom-fit', 'zoomToFit'));
    items.push({ label: 'Keyboard shortcuts', testid: 'menu-help', run: this.showHelp, keys: '?' });
    this.menu.replaceChildren(
      ...items.map((item) => {
        if (item === 'separator') return el('hr');
        const b = el('button', { type: 'button', testid: item.testid }, el('span', { text: item.label }), el('kbd', { text: item.keys ?? '' }));
        b.setAttribute('role', 'menuitem');
        b.addEventListener('click', () => {
          this.close();
          item.run();
        });
        return b;
      }),
    );
    this.menu.hidden = false;
    // Kept inside the window.
    const { width, height } = this.menu.getBoundingClientRect();
    this.menu.style.left = `${Math.min(clientX, window.innerWidth - width - 4)}px`;
    this.menu.style.top = `${Math.min(clientY, window.innerHeight - height - 4)}px`;
    document.addEventListener('pointerdown', this.onDown, true);
    document.addEventListener('keydown', this.onKey, true);
    this.menu.querySelector('button')?.focus();
  }

  close(): void {
    this.menu.hidden = true;
    document.removeEventListener('pointerdown', this.onDown, true);
    document.removeEventListener('keydown', this.onKey, true);
  }

  destroy(): void {
    this.close();
    this.menu.remove();
  }
}

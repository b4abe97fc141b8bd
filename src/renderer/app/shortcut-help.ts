/**
 * The list of every key, opened with "?" (or the toolbar's "?" button): read from the one registry of
 * shortcuts, so it cannot disagree with what the keys do.
 */
import { describeCombo, SHORTCUTS, type Command } from '../canvas/shortcuts';
import { button, el } from './dom';

const LABELS: Record<Command, string> = {
  'tool.select': 'Select',
  'tool.hand': 'Pan',
  'tool.pen': 'Pen',
  'tool.line': 'Line',
  'tool.arrow': 'Arrow',
  'tool.rect': 'Rectangle',
  'tool.ellipse': 'Ellipse',
  'tool.text': 'Text',
  'tool.sticky': 'Sticky note',
  'tool.eraser': 'Eraser',
  toolLock: 'Keep the tool after each shape',
  insertImage: 'Insert an image',
  undo: 'Undo',
  redo: 'Redo',
  delete: 'Delete the selection',
  duplicate: 'Duplicate',
  selectAll: 'Select everything',
  escape: 'Cancel, clear the selection',
  bringForward: 'Bring forward',
  sendBackward: 'Send backward',
  bringToFront: 'Bring to front',
  sendToBack: 'Send to back',
  lock: 'Lock or unlock the selection',
  group: 'Group the selection',
  ungroup: 'Ungroup',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  zoomToFit: 'Zoom to fit',
  zoomReset: 'Zoom to 100 %',
  grid: 'Show or hide the grid (moves and new shapes snap to it)',
  help: 'This list',
};

/** Keys that are not in the registry because the browser's own events carry them. */
const CLIPBOARD_KEYS: [string, string][] = [
  ['mod+c', 'Copy'],
  ['mod+x', 'Cut'],
  ['mod+v', 'Paste (also between boards)'],
];

export class ShortcutHelp {
  private readonly dialog = el('dialog', { class: 'shortcut-help', testid: 'shortcut-help' });

  constructor(isMac: boolean) {
    const combos = new Map<Command, string[]>();
    for (const [combo, command] of SHORTCUTS) combos.set(command, [...(combos.get(command) ?? []), describeCombo(combo, isMac)]);
    const row = (keys: string[], label: string) => el('tr', {}, el('td', { text: label }), el('td', {}, ...keys.flatMap((k, i) => [...(i ? [' or '] : []), el('kbd', { text: k })])));
    const rows = [...combos].map(([command, keys]) => row(keys, LABELS[command]));
    rows.push(...CLIPBOARD_KEYS.map(([combo, label]) => row([describeCombo(combo, isMac)], label)));
    this.dialog.append(
      el('h2', { text: 'Keyboard shortcuts' }),
      el('table', {}, el('tbody', {}, ...rows)),
      button('Close', 'close-help', () => this.dialog.close()),
    );
    document.body.append(this.dialog);
  }

  get isOpen(): boolean {
    return this.dialog.open;
  }

  toggle(): void {
    if (this.dialog.open) this.dialog.close();
    else this.dialog.showModal();
  }

  destroy(): void {
    this.dialog.remove();
  }
}

/**
 * The chrome around the canvas: tools, undo/redo, zoom and export along the top; the pen's colour,
 * fill, width, opacity and text size in a panel at the side. Buttons run editor commands.
 */
import type { Editor } from '../canvas/editor';
import { keysFor, type Command } from '../canvas/shortcuts';
import { FILLS, FONT_SIZES, OPACITIES, PALETTE, shownStyle, WIDTHS, type Style } from '../canvas/style';
import { DASHES, FILL_STYLES, FONTS, HEADS, type Font, type Heads } from '../board/shape';
import { fontFamily } from '../shapes/text-layout';
import type { Alignment, Distribution } from '../board/arrange';
import type { ToolName } from '../canvas/tools';

/** 24x24 stroke icons (path data), so every platform draws the same thing. */
const ICONS: Record<string, string> = {
  select: 'M5 3l13 8-6 1.5L9 19z',
  hand: 'M8 12V5.5a1.5 1.5 0 013 0V11m0-6.5a1.5 1.5 0 013 0V11m0-5a1.5 1.5 0 013 0v8c0 3.5-2.5 6-6 6s-5-1.5-6.5-4L4 12.5a1.5 1.5 0 012.5-1.5L8 13',
  pen: 'M4 20c3-1 4-4 6-7s4-6 7-8l2 2c-2 3-5 5-8 7s-6 3-7 6z',
  line: 'M5 19L19 5',
  arrow: 'M5 19L19 5m0 0h-8m8 0v8',
  rect: 'M4 6h16v12H4z',
  ellipse: 'M12 5c5 0 8 3 8 7s-3 7-8 7-8-3-8-7 3-7 8-7z',
  text: 'M5 6V4h14v2M12 4v16m-3 0h6',
  sticky: 'M5 4h14v10l-6 6H5zM13 20v-6h6',
  eraser: 'M8 20h12M4 15l8-9 7 6-7 8H8z',
  lock: 'M7 11V8a5 5 0 0110 0v3M6 11h12v9H6z',
  undo: 'M9 14L4 9l5-5M4 9h10a6 6 0 010 12h-3',
  redo: 'M15 14l5-5-5-5m5 5H10a6 6 0 000 12h3',
  delete: 'M5 7h14M10 7V4h4v3m-7 0l1 13h8l1-13',
  image: 'M4 5h16v14H4zM4 16l5-5 4 4 2-2 5 5M15 9.5a1.5 1.5 0 100-.01',
  grid: 'M4 4h16v16H4zM4 9.3h16M4 14.7h16M9.3 4v16M14.7 4v16',
};

function icon(name: string): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', ICONS[name]!);
  svg.append(path);
  return svg;
}

const TOOLS: [ToolName, string][] = [
  ['select', 'Select'],
  ['hand', 'Pan'],
  ['pen', 'Pen'],
  ['line', 'Line'],
  ['arrow', 'Arrow'],
  ['rect', 'Rectangle'],
  ['ellipse', 'Ellipse'],
  ['text', 'Text'],
  ['sticky', 'Sticky note'],
  ['eraser', 'Eraser'],
];

function shortcutFor(command: Command, isMac: boolean): string {
  const keys = keysFor(command, isMac);
  return keys ? ` (${keys})` : '';
}

function button(label: string | SVGSVGElement, title: string, testid: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.append(label);
  b.title = title;
  b.setAttribute('aria-label', title);
  b.dataset.testid = testid;
  b.addEventListener('click', onClick);
  return b;
}

function swatch(color: string, title: string, testid: string, onClick: () => void): HTMLButtonElement {
  const b = button('', title, testid, onClick);
  b.className = 'swatch';
  b.style.setProperty('--swatch', color === 'transparent' ? 'transparent' : color);
  if (color === 'transparent') b.classList.add('none');
  return b;
}

export class Toolbar {
  private toolButtons = new Map<ToolName, HTMLButtonElement>();
  /** The style panel's buttons, each the value of one style property. */
  private choices: { key: keyof Style; value: Style[keyof Style]; button: HTMLButtonElement }[] = [];
  private arrangeGroup: HTMLElement;
  private zoomLabel: HTMLButtonElement;
  private lockButton: HTMLButtonElement;
  /** Everything that changes the board, disabled once it is read-only. */
  private editing: HTMLButtonElement[] = [];
  private readonly gridButton: HTMLButtonElement;

  constructor(
    roots: { top: HTMLElement; side: HTMLElement },
    private readonly editor: Editor,
    isMac: boolean,
    download: (name: string, url: string) => void,
    showHelp: () => void,
  ) {
    const makeGroup = (root: HTMLElement) => (name: string) => {
      const g = document.createElement('div');
      g.className = 'tool-group';
      g.setAttribute('role', 'group');
      g.setAttribute('aria-label', name);
      root.append(g);
      return g;
    };
    const group = makeGroup(roots.top);
    const styleGroup = makeGroup(roots.side);
    // On a phone the style panel would cover much of the board: it opens from this button (small screens only).
    const styleToggle = button('Style', 'Show or hide the style panel', 'style-toggle', () => {
      const open = document.body.classList.toggle('style-open');
      styleToggle.setAttribute('aria-pressed', String(open));
    });
    styleToggle.classList.add('style-toggle');
    group('Panel').append(styleToggle);
    const tools = group('Tools');
    for (const [name, title] of TOOLS) {
      const b = button(icon(name), title + shortcutFor(`tool.${name}`, isMac), `tool-${name}`, () => editor.setTool(name));
      this.toolButtons.set(name, b);
      tools.append(b);
    }
    this.lockButton = button(icon('lock'), `Keep the tool after each shape${shortcutFor('toolLock', isMac)}`, 'tool-lock', () => editor.run('toolLock'));
    tools.append(this.lockButton);
    const insertImage = button(icon('image'), `Insert an image: PNG, JPEG, WebP or SVG (or paste or drop one)${shortcutFor('insertImage', isMac)}`, 'insert-image', () => editor.run('insertImage'));
    tools.append(insertImage);
    // Every style button sets one property to one value, and shows pressed while that is the value shown.
    const choice = <K extends keyof Style>(g: HTMLElement, key: K, value: Style[K], make: (onClick: () => void) => HTMLButtonElement, cls?: string) => {
      const b = make(() => this.setStyle({ [key]: value } as Partial<Style>));
      if (cls) b.className = cls;
      this.choices.push({ key, value, button: b });
      g.append(b);
      return b;
    };
    const strokes = styleGroup('Colour');
    for (const color of PALETTE) choice(strokes, 'stroke', color, (go) => swatch(color, `Colour ${color}`, `stroke-${color.slice(1)}`, go));
    const fills = styleGroup('Fill');
    for (const color of FILLS) choice(fills, 'fill', color, (go) => swatch(color, color === 'transparent' ? 'No fill' : `Fill ${color}`, `fill-${color.replace('#', '')}`, go)).classList.add('fill');
    const fillStyles = styleGroup('Fill style');
    for (const fillStyle of FILL_STYLES) {
      choice(fillStyles, 'fillStyle', fillStyle, (go) => button(fillStyle === 'solid' ? 'Solid' : 'Semi', fillStyle === 'solid' ? 'Solid fill' : 'Half see-through fill', `fill-style-${fillStyle}`, go), 'small');
    }
    const widths = styleGroup('Width');
    for (const width of WIDTHS) choice(widths, 'strokeWidth', width, (go) => button('', `Width ${width}`, `width-${width}`, go), 'width').style.setProperty('--w', `${width}px`);
    const dashes = styleGroup('Outline');
    for (const dash of DASHES) choice(dashes, 'dash', dash, (go) => button('', `Outline ${dash}`, `dash-${dash}`, go), `dash ${dash}`);
    const heads = styleGroup('Arrowheads');
    const HEAD_LABELS: Record<Heads, string> = { end: '→', start: '←', both: '↔' };
    for (const head of HEADS) choice(heads, 'heads', head, (go) => button(HEAD_LABELS[head], `Arrowheads: ${head}`, `heads-${head}`, go), 'small');
    const opacity = styleGroup('Opacity');
    for (const value of OPACITIES) {
      const percent = Math.round(value * 100);
      choice(opacity, 'opacity', value, (go) => button(`${percent}%`, `Opacity ${percent}%`, `opacity-${percent}`, go), 'small');
    }
    const sizes = styleGroup('Text size');
    for (const [label, size] of FONT_SIZES) choice(sizes, 'fontSize', size, (go) => button(label, `Text size ${size}`, `font-${size}`, go));
    const fonts = styleGroup('Font');
    const FONT_LABELS: Record<Font, string> = { sans: 'Sans', hand: 'Hand-drawn', serif: 'Serif', mono: 'Mono' };
    for (const font of FONTS) choice(fonts, 'font', font, (go) => button('Aa', `Font: ${FONT_LABELS[font]}`, `font-${font}`, go), 'small').style.fontFamily = fontFamily(font);
    // Shown while two or more shapes are selected.
    this.arrangeGroup = styleGroup('Arrange');
    const ARRANGE: [Alignment | Distribution, string, string][] = [
      ['left', '⇤', 'Align left edges'],
      ['center', '⇹', 'Align centres across'],
      ['right', '⇥', 'Align right edges'],
      ['top', '⤒', 'Align top edges'],
      ['middle', '⇕', 'Align middles'],
      ['bottom', '⤓', 'Align bottom edges'],
      ['horizontal', '⋯', 'Space evenly across (three or more)'],
      ['vertical', '⋮', 'Space evenly down (three or more)'],
    ];
    for (const [how, label, title] of ARRANGE) {
      const b = button(label, title, `arrange-${how}`, () => editor.arrange(how));
      b.className = 'small';
      this.arrangeGroup.append(b);
    }
    const edit = group('Edit');
    edit.append(
      button(icon('undo'), `Undo${shortcutFor('undo', isMac)}`, 'undo', () => editor.run('undo')),
      button(icon('redo'), `Redo${shortcutFor('redo', isMac)}`, 'redo', () => editor.run('redo')),
      button(icon('delete'), `Delete${shortcutFor('delete', isMac)}`, 'delete', () => editor.run('delete')),
    );
    this.editing = [insertImage, ...edit.querySelectorAll('button'), ...roots.side.querySelectorAll('button')];
    const view = group('View');
    this.zoomLabel = button('100%', `Zoom to fit${shortcutFor('zoomToFit', isMac)}`, 'zoom', () => editor.run('zoomToFit'));
    this.gridButton = button(icon('grid'), `Grid: moves and new shapes snap to it (Alt: not at all)${shortcutFor('grid', isMac)}`, 'grid', () => editor.run('grid'));
    view.append(button('−', 'Zoom out', 'zoom-out', () => editor.run('zoomOut')), this.zoomLabel, button('+', 'Zoom in', 'zoom-in', () => editor.run('zoomIn')), this.gridButton);
    const exporting = group('Export');
    const onlySelection = () => editor.selection.ids.size > 0;
    exporting.append(
      button('PNG', 'Export PNG (the selection, or the whole board)', 'export-png', () => download('board.png', editor.exportPng(onlySelection(), 1))),
      button('PNG 2×', 'Export PNG at twice the resolution', 'export-png-2x', () => download('board@2x.png', editor.exportPng(onlySelection(), 2))),
      button('SVG', 'Export SVG (the selection, or the whole board)', 'export-svg', () =>
        download('board.svg', URL.createObjectURL(new Blob([editor.exportSvg(onlySelection())], { type: 'image/svg+xml' }))),
      ),
    );
    group('Help').append(button('?', `Keyboard shortcuts${shortcutFor('help', isMac)}`, 'help', showHelp));
    this.update();
  }

  /** Changes the pen, and the selected shapes with it. */
  private setStyle(patch: Partial<Style>): void {
    this.editor.restyle(patch);
    this.update();
  }

  update(): void {
    const { editor } = this;
    for (const [name, b] of this.toolButtons) {
      b.setAttribute('aria-pressed', String(name === editor.toolName));
      b.disabled = !editor.editable && name !== 'select' && name !== 'hand';
    }
    this.lockButton.setAttribute('aria-pressed', String(editor.toolLocked));
    this.gridButton.setAttribute('aria-pressed', String(editor.canvas.grid.spacing > 0));
    this.lockButton.disabled = !editor.editable;
    for (const b of this.editing) b.disabled = !editor.editable;
    const shown = shownStyle(editor.style, editor.selectedShapes());
    for (const { key, value, button } of this.choices) button.setAttribute('aria-pressed', String(value === shown[key]));
    this.arrangeGroup.hidden = !editor.editable || editor.selection.ids.size < 2;
    this.zoomLabel.textContent = `${Math.round(editor.canvas.camera.zoom * 100)}%`;
  }
}

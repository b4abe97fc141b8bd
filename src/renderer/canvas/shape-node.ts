/**
 * Konva nodes for shapes. Nodes never listen to events (hit testing uses the geometry kernel and the
 * spatial index), which keeps redraws cheap. Box shapes rotate about their centre.
 */
import { cubicControls, midpointOf } from '../board/curve';
import { boxFromRect, LABEL_WIDTH, LINE_HEIGHT, wordsBox } from '../board/geometry';
import type { Font, ShapeProps } from '../board/shape';
import { decodeRelative } from '../board/stroke-codec';
import { Arrow, Ellipse, Image, Konva, Line, Rect, Text, type KonvaNode } from './konva';
import { penOutline } from './pen-outline';

export const STICKY_FILL = '#ffec99';
export const STICKY_PADDING = 12;
/** What a label on a line stands on: the board's own white, so the line stops either side of its words. */
export const LABEL_BACKGROUND = '#ffffff';
/** Each font as the system has it: nothing is fetched, so each falls back to its generic family. */
const FONT_FAMILIES: Record<Font, string> = {
  sans: 'system-ui, -apple-system, "Segoe UI", sans-serif',
  hand: '"Comic Sans MS", "Segoe Print", "Bradley Hand", "Chalkboard SE", cursive',
  serif: 'Georgia, "Times New Roman", serif',
  mono: 'ui-monospace, "SF Mono", Menlo, Consolas, monospace',
};

/** The CSS font family of a shape's font. */
export const fontFamily = (font: Font): string => FONT_FAMILIES[font];

/*
 * Konva applies the attributes it is given one at a time, and that is most of what a node costs to build:
 * attributes at Konva's defaults (opacity 1, visible, no rotation, no fill) are left out, which matters
 * when a restored board builds 10,000 nodes at once.
 */
function common(s: ShapeProps, visible: boolean): { listening: false; perfectDrawEnabled: false; opacity?: number; visible?: false } {
  return { listening: false, perfectDrawEnabled: false, ...(s.opacity !== 1 && { opacity: s.opacity }), ...(!visible && { visible: false }) };
}

/** The dash pattern of an outline, in the units of its width (null: solid). Dots are round caps on zero-length dashes. */
export function dashArray(s: Pick<ShapeProps, 'dash' | 'strokeWidth'>): number[] | null {
  const w = Math.max(1, s.strokeWidth);
  if (s.dash === 'dashed') return [4 * w, 3 * w];
  if (s.dash === 'dotted') return [0, 2.5 * w];
  return null;
}

/** Konva attributes for an outline's dash (none for solid, the default). */
function dashOf(s: ShapeProps): { dash?: number[]; lineCap?: 'round' } {
  const dash = dashArray(s);
  return dash === null ? {} : { dash, lineCap: 'round' };
}

/** A semi fill lets what is behind show through: the fill's own alpha, the outline untouched. */
export const SEMI_FILL_ALPHA = 0.5;
const hexAlpha = (hex: string, alpha: number) => `${hex}${Math.round(alpha * 255).toString(16).padStart(2, '0')}`;
const fillOf = (s: ShapeProps) => (s.fill === 'transparent' ? {} : { fill: s.fillStyle === 'semi' ? hexAlpha(s.fill, SEMI_FILL_ALPHA) : s.fill });
const rotationOf = (s: ShapeProps) => (s.rotation === 0 ? {} : { rotation: s.rotation });

/** Position, size and rotation of a box shape's node, turning about its centre. */
function boxFrame(s: ShapeProps) {
  const b = boxFromRect(s.x, s.y, s.w, s.h);
  const width = b.maxX - b.minX;
  const height = b.maxY - b.minY;
  return { x: b.minX + width / 2, y: b.minY + height / 2, width, height, offsetX: width / 2, offsetY: height / 2, ...rotationOf(s) };
}

/** A line's position and path relative to its start: straight, or the cubic Bézier of its curve. */
function linePath(s: ShapeProps): { x: number; y: number; points: number[]; bezier?: true } {
  if (s.bend === 0) return { x: s.x, y: s.y, points: [0, 0, s.w, s.h] };
  const [[ax, ay], [bx, by]] = cubicControls(s);
  return { x: s.x, y: s.y, points: [0, 0, ax - s.x, ay - s.y, bx - s.x, by - s.y, s.w, s.h], bezier: true };
}

/**
 * A line with words on it: the words centred on the middle of its path, on a patch of the board's own
 * colour that cuts the line beneath them. The group sits where the line does, so moving it moves both.
 */
function labelled(s: ShapeProps, visible: boolean, line: InstanceType<typeof Line>): KonvaNode {
  if (s.text === '') return line;
  const [mx, my] = midpointOf(s);
  const text = new Text({ listening: false, text: s.text, fontSize: s.fontSize, fontFamily: fontFamily(s.font), fill: s.stroke, lineHeight: LINE_HEIGHT, align: 'center', wrap: 'word' });
  if (text.width() > LABEL_WIDTH) text.width(LABEL_WIDTH);
  const [w, h] = [text.width(), text.height()];
  // The patch is as wide as the widest line (as the SVG's), not the wrapping width.
  const widest = Math.max(0, ...text.textArr.map((row) => row.width));
  text.position({ x: mx - s.x - w / 2, y: my - s.y - h / 2 });
  line.setAttrs({ x: 0, y: 0, opacity: 1, visible: true });
  const group = new Konva.Group({ ...common(s, visible), x: s.x, y: s.y });
  group.add(line, new Rect({ listening: false, x: mx - s.x - widest / 2 - 4, y: my - s.y - h / 2 - 2, width: widest + 8, height: h + 4, fill: LABEL_BACKGROUND }), text);
  return group;
}

/**
 * A rectangle or ellipse with words written in it: a group turning about the box's centre (as the
 * shape alone does, so the Transformer treats both alike), the words centred in its words box.
 */
function withWords(s: ShapeProps, visible: boolean, shape: KonvaNode): KonvaNode {
  if (s.text === '') return shape;
  const f = boxFrame(s);
  const words = wordsBox(s);
  const b = boxFromRect(s.x, s.y, s.w, s.h);
  shape.setAttrs({ x: f.width / 2, y: f.height / 2, rotation: 0, opacity: 1, visible: true });
  const group = new Konva.Group({ ...common(s, visible), x: f.x, y: f.y, offsetX: f.offsetX, offsetY: f.offsetY, ...rotationOf(s) });
  const text = new Text({ listening: false, x: words.x - b.minX, y: words.y - b.minY, width: words.w, height: words.h, text: s.text, fontSize: s.fontSize, fontFamily: fontFamily(s.font), fill: s.stroke, lineHeight: LINE_HEIGHT, align: 'center', verticalAlign: 'middle', wrap: 'word' });
  group.add(shape as never, text);
  return group;
}

type Picture = NonNullable<NonNullable<ConstructorParameters<typeof Image>[0]>['image']>;

/** A board's decoded images, for image shapes. */
export interface ShapeImages {
  /** The decoded image; null while it decodes (the shape then draws a placeholder). */
  get(hash: string): Picture | null;
  /** True while drawing for a screen that shows the board through an inversion (dark mode): see imageNode. */
  inverted(): boolean;
}

const NO_IMAGES: ShapeImages = { get: () => null, inverted: () => false };

/**
 * An image on the board. In dark mode the board is shown through a CSS inversion (hues kept), which
 * would turn a photo into its negative: for the screen it is drawn pre-inverted, so the two cancel out;
 * for an export, as it is.
 */
function imageNode(attrs: object, image: Picture, images: ShapeImages): KonvaNode {
  return new Image({
    ...attrs,
    image,
    sceneFunc: (ctx, shape) => {
      const native = ctx._context;
      const flip = images.inverted();
      if (flip) native.filter = 'invert(1) hue-rotate(180deg)';
      ctx.drawImage(image, 0, 0, shape.width(), shape.height());
      if (flip) native.filter = 'none';
    },
  });
}

/** Where an image is still decoding, or cannot be: a grey card its size, so the layout never jumps. */
export const IMAGE_PLACEHOLDER = { fill: '#e9ecef', stroke: '#adb5bd' };

/** `visible: false` for a node born outside the viewport (culled). */
export function createShapeNode(s: ShapeProps, visible = true, images: ShapeImages = NO_IMAGES): KonvaNode {
  switch (s.kind) {
    case 'pen': {
      const pts = s.points ? decodeRelative(s.points) : [];
      return new Line({ ...common(s, visible), x: s.x, y: s.y, points: penOutline(pts, s.pressures, s.strokeWidth), closed: true, fill: s.stroke }); // no stroke: the outline is the stroke
    }
    case 'line':
      return labelled(s, visible, new Line({ ...common(s, visible), ...linePath(s), stroke: s.stroke, strokeWidth: s.strokeWidth, lineCap: 'round', ...dashOf(s) }));
    case 'arrow':
      return labelled(s, visible, new Arrow({
        ...common(s, visible),
        ...linePath(s),
        stroke: s.stroke,
        fill: s.stroke,
        strokeWidth: s.strokeWidth,
        pointerLength: 4 + 3 * s.strokeWidth,
        pointerWidth: 4 + 3 * s.strokeWidth,
        ...(s.heads === 'start' && { pointerAtEnding: false }),
        ...((s.heads === 'start' || s.heads === 'both') && { pointerAtBeginning: true }),
        lineCap: 'round',
        lineJoin: 'round',
        ...dashOf(s),
      }));
    case 'rect': {
      const f = boxFrame(s);
      return withWords(s, visible, new Rect({ ...common(s, visible), ...f, stroke: s.stroke, strokeWidth: s.strokeWidth, ...dashOf(s), ...fillOf(s) }));
    }
    case 'ellipse': {
      const f = boxFrame(s);
      return withWords(s, visible, new Ellipse({ ...common(s, visible), x: f.x, y: f.y, radiusX: f.width / 2, radiusY: f.height / 2, ...rotationOf(s), stroke: s.stroke, strokeWidth: s.strokeWidth, ...dashOf(s), ...fillOf(s) }));
    }
    case 'text': {
      const f = boxFrame(s);
      return new Text({ ...common(s, visible), ...f, height: undefined, text: s.text, fontSize: s.fontSize, fontFamily: fontFamily(s.font), fill: s.stroke, lineHeight: LINE_HEIGHT, wrap: 'word' });
    }
    case 'sticky': {
      const f = boxFrame(s);
      const group = new Konva.Group({ ...common(s, visible), x: f.x, y: f.y, offsetX: f.offsetX, offsetY: f.offsetY, ...rotationOf(s) });
      group.add(
        new Rect({ listening: false, width: f.width, height: f.height, fill: s.fill === 'transparent' ? STICKY_FILL : s.fill, shadowColor: '#000', shadowOpacity: 0.15, shadowBlur: 6, shadowOffsetY: 2, cornerRadius: 3 }),
        new Text({
          listening: false,
          x: STICKY_PADDING,
          y: STICKY_PADDING,
          width: Math.max(0, f.width - 2 * STICKY_PADDING),
          height: Math.max(0, f.height - 2 * STICKY_PADDING),
          text: s.text,
          fontSize: s.fontSize,
          fontFamily: fontFamily(s.font),
          fill: s.stroke,
          lineHeight: LINE_HEIGHT,
          wrap: 'word',
          ellipsis: true,
        }),
      );
      return group;
    }
    case 'image': {
      const f = boxFrame(s);
      const image = images.get(s.asset);
      if (image !== null) return imageNode({ ...common(s, visible), ...f }, image, images);
      return new Rect({ ...common(s, visible), ...f, ...IMAGE_PLACEHOLDER, strokeWidth: 1, dash: [6, 4] });
    }
  }
}

/** Text broken into the lines it shows, and how wide the widest of them is. */
export interface TextLines {
  lines: string[];
  width: number;
}

/**
 * The lines a text box shows at `width`, wrapped exactly as the canvas wraps them (Konva's own layout),
 * and cut with "…" where they pass `maxHeight`: so an SVG export breaks its lines where the PNG does.
 * `width` in the answer is the widest line's.
 */
export function layoutText(text: string, width: number, fontSize: number, font: Font, maxHeight?: number): TextLines {
  const node = new Text({ text, width, fontSize, fontFamily: fontFamily(font), lineHeight: LINE_HEIGHT, wrap: 'word', ...(maxHeight === undefined ? {} : { height: maxHeight, ellipsis: true }) });
  const lines = node.textArr.map((line) => line.text);
  const widest = Math.max(0, ...node.textArr.map((line) => line.width));
  node.destroy();
  return { lines, width: widest };
}

/** A note's height for its words: grown to show them all (never cut with "…"), never shrunk below `h`. */
export function noteHeight(text: string, w: number, h: number, fontSize: number, font: Font): number {
  return Math.max(Math.abs(h), measureTextHeight(text, Math.max(1, Math.abs(w) - 2 * STICKY_PADDING), fontSize, font) + 2 * STICKY_PADDING);
}

/** How tall a text shape's words stand at its width: the model stores it so bounds stay exact. */
export function measureTextHeight(text: string, width: number, fontSize: number, font: Font): number {
  const node = new Text({ text: text || ' ', width, fontSize, fontFamily: fontFamily(font), lineHeight: LINE_HEIGHT, wrap: 'word' });
  const height = node.height();
  node.destroy();
  return height;
}

/**
 * The words a shape carries: text boxes and notes are words; rectangles and ellipses can have words
 * written in them, lines and arrows a label. Where each is edited, and what new words do to the shape.
 */
import { midpointOf } from '../board/curve';
import { boxFromRect, heightForWords, LABEL_WIDTH, LINE_HEIGHT, wordsBox } from '../board/geometry';
import { isLineKind, type ShapePatch, type ShapeProps } from '../board/shape';
import { STICKY_PADDING } from '../shapes/sticky';
import { measureTextHeight, noteHeight } from './text-measure';

/** Pen strokes and images are the kinds without words. */
export const takesWords = (s: Pick<ShapeProps, 'kind'>): boolean => s.kind !== 'pen' && s.kind !== 'image';

export interface WordsFrame {
  /** World position and size of the words, before the shape's rotation. */
  x: number;
  y: number;
  width: number;
  height: number;
  align: 'left' | 'center';
}

/** Where a shape's words stand, for the editor to sit on them. */
export function wordsFrame(s: ShapeProps): WordsFrame {
  const b = boxFromRect(s.x, s.y, s.w, s.h);
  if (isLineKind(s.kind)) {
    const [mx, my] = midpointOf(s);
    const height = Math.max(1, s.text.split('\n').length) * s.fontSize * LINE_HEIGHT;
    return { x: mx - LABEL_WIDTH / 2, y: my - height / 2, width: LABEL_WIDTH, height, align: 'center' };
  }
  if (s.kind === 'rect' || s.kind === 'ellipse') {
    const box = wordsBox(s);
    return { x: box.x, y: box.y, width: box.w, height: box.h, align: 'center' };
  }
  const pad = s.kind === 'sticky' ? STICKY_PADDING : 0;
  return { x: b.minX + pad, y: b.minY + pad, width: b.maxX - b.minX - 2 * pad, height: b.maxY - b.minY - 2 * pad, align: 'left' };
}

/** What new words change: the text, and the box grown to hold them (a text box fitted to them). */
export function wordsPatch(s: ShapeProps, text: string): ShapePatch {
  switch (s.kind) {
    case 'text':
      return { text, h: measureTextHeight(text, Math.abs(s.w), s.fontSize, s.font) };
    case 'sticky':
      return { text, h: noteHeight(text, s.w, s.h, s.fontSize, s.font) };
    case 'rect':
    case 'ellipse': {
      const h = heightForWords(s, measureTextHeight(text, wordsBox(s).w, s.fontSize, s.font));
      return h === Math.abs(s.h) ? { text } : { text, h: Math.sign(s.h || 1) * h };
    }
    default:
      return { text };
  }
}

/**
 * A Konva node for one shape, made only for what is selected, moved, turned or being drawn: the board's
 * other shapes are painted straight into tiles (board-canvas.ts). The node paints its shape with the
 * kind's own painter (src/renderer/shapes), in a frame the Transformer can work on: a box shape's node
 * sits at its centre and turns about it; a line's or stroke's sits at its first point. It never listens
 * to events (hit testing uses the shapes' geometry and the spatial index).
 */
import { boxFromRect } from '../board/geometry';
import { isBoxKind, type ShapeProps } from '../board/shape';
import { paintShape, shapeBounds } from '../shapes';
import type { PaintEnv } from '../shapes/kind';
import { Konva } from './konva';

/** The shape with its frame taken out: what the node paints about its own origin. */
function local(s: ShapeProps): ShapeProps {
  if (!isBoxKind(s.kind)) return { ...s, x: 0, y: 0 };
  const b = boxFromRect(s.x, s.y, s.w, s.h);
  return { ...s, x: 0, y: 0, w: b.maxX - b.minX, h: b.maxY - b.minY, rotation: 0 };
}

export class ShapeNode extends Konva.Shape {
  private readonly drawn: ShapeProps;

  /** `shape`: what the node draws, in world units (before the Transformer moves it). */
  constructor(
    readonly shape: ShapeProps,
    env: () => PaintEnv,
  ) {
    const s = shape;
    const drawn = local(s);
    const b = boxFromRect(s.x, s.y, s.w, s.h);
    const frame = isBoxKind(s.kind)
      ? { x: (b.minX + b.maxX) / 2, y: (b.minY + b.maxY) / 2, width: drawn.w, height: drawn.h, offsetX: drawn.w / 2, offsetY: drawn.h / 2, rotation: s.rotation }
      : { x: s.x, y: s.y };
    super({ ...frame, listening: false, perfectDrawEnabled: false, sceneFunc: (ctx) => paintShape(ctx._context, drawn, env()) });
    this.drawn = drawn;
  }

  /** What the Transformer measures: the shape's own box (a box shape's unturned box; a path's extent). */
  override getSelfRect(): { x: number; y: number; width: number; height: number } {
    if (isBoxKind(this.drawn.kind)) return { x: 0, y: 0, width: this.drawn.w, height: this.drawn.h };
    const b = shapeBounds(this.drawn);
    return { x: b.minX, y: b.minY, width: b.maxX - b.minX, height: b.maxY - b.minY };
  }
}

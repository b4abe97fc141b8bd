/**
 * Lines bound to shapes someone is dragging, resizing or turning: drawn following them while the gesture
 * lasts (the model moves them for real when the gesture is sent), so an arrow never lags its shape.
 */
import type { BoardModel } from '../board/board-model';
import { boundEnds } from '../board/binding';
import type { ShapeProps } from '../board/shape';
import type { BoardCanvas } from './board-canvas';

/** Screen pixels around a shape within which a line's end binds to it. */
export const BIND_REACH = 8;

export class BoundLines {
  private readonly lines: string[];

  /** The lines bound to any of `moving` that are not moving themselves. */
  constructor(
    private readonly canvas: BoardCanvas,
    private readonly model: BoardModel,
    private readonly moving: ReadonlySet<string>,
  ) {
    const lines = new Set<string>();
    for (const id of moving) for (const line of model.bound.get(id) ?? []) if (!moving.has(line)) lines.add(line);
    this.lines = [...lines];
  }

  /** Draws each line as it would sit with the moving shapes where `shown` says they are now. */
  follow(shown: (id: string) => ShapeProps | undefined): void {
    const at = (id: string) => (this.moving.has(id) ? shown(id) : undefined) ?? this.model.target(id);
    for (const id of this.lines) {
      const line = this.model.shapes.get(id);
      if (line) this.canvas.drawAs(id, { ...line, ...boundEnds(line, at(line.startBind), at(line.endBind)) });
    }
  }

  /** Back to what the model holds (the gesture was cancelled). */
  reset(): void {
    for (const id of this.lines) {
      const line = this.model.shapes.get(id);
      if (line) this.canvas.drawAs(id, line);
    }
    this.canvas.drop(this.lines); // as the model holds them: back into the tiles
  }
}

/** The binds a moved line lets go of: an end stays bound only if its shape moves with it. */
export function releasedBinds(line: Pick<ShapeProps, 'startBind' | 'endBind'>, moving: ReadonlySet<string>): Partial<ShapeProps> {
  return { ...(line.startBind !== '' && !moving.has(line.startBind) && { startBind: '' }), ...(line.endBind !== '' && !moving.has(line.endBind) && { endBind: '' }) };
}

/** One shape on the board: its properties, and who changed it last (for the undo rule). */
import { Model } from '../engine/model';
import { DEFAULT_PROPS, PATCHABLE, type ShapeKind, type ShapePatch, type ShapeProps, type ShapeRecord } from './shape';

export class ShapeModel extends Model implements ShapeProps {
  shapeId = '';
  kind: ShapeKind = 'rect';
  x = DEFAULT_PROPS.x;
  y = DEFAULT_PROPS.y;
  w = DEFAULT_PROPS.w;
  h = DEFAULT_PROPS.h;
  rotation = DEFAULT_PROPS.rotation;
  stroke = DEFAULT_PROPS.stroke;
  fill = DEFAULT_PROPS.fill;
  fillStyle = DEFAULT_PROPS.fillStyle;
  strokeWidth = DEFAULT_PROPS.strokeWidth;
  dash = DEFAULT_PROPS.dash;
  heads = DEFAULT_PROPS.heads;
  opacity = DEFAULT_PROPS.opacity;
  fontSize = DEFAULT_PROPS.fontSize;
  font = DEFAULT_PROPS.font;
  text = DEFAULT_PROPS.text;
  startBind = DEFAULT_PROPS.startBind;
  endBind = DEFAULT_PROPS.endBind;
  bend = DEFAULT_PROPS.bend;
  locked = DEFAULT_PROPS.locked;
  group = DEFAULT_PROPS.group;
  asset = DEFAULT_PROPS.asset;
  points: ShapeProps['points'] = null;
  pressures: ShapeProps['pressures'] = null;
  /** The view that created or last changed it. */
  editedBy = '';
  /** Counts changes, so views can tell what to redraw. */
  version = 0;

  /** A board saved before a property existed reads its shapes with that property's default. */
  static override addedFields(): Record<string, unknown> {
    return { ...DEFAULT_PROPS };
  }

  override init(options: { record: ShapeRecord; by: string }): void {
    const { id, ...props } = options.record;
    this.shapeId = id;
    Object.assign(this, props);
    this.editedBy = options.by;
  }

  apply(patch: ShapePatch, by: string): void {
    Object.assign(this, patch);
    this.editedBy = by;
    this.version++;
  }

  /** A bound end followed the shape it is bound to: not anyone's edit, so the undo rule does not see it. */
  follow(patch: ShapePatch): void {
    Object.assign(this, patch);
    this.version++;
  }

  /** The shape as plain data (for history, copy and export). */
  record(): ShapeRecord {
    const out = { id: this.shapeId, kind: this.kind } as ShapeRecord;
    for (const key of PATCHABLE) (out as unknown as Record<string, unknown>)[key] = this[key];
    return out;
  }
}
ShapeModel.register('ShapeModel');

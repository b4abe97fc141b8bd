/**
 * The board operations a view can ask for, sequenced by the reflector. Each is one event, or where it
 * holds more shapes than one event may (a selection of 100,000 deleted), as few as hold it: all but the
 * last say more follows, and the model undoes them as one operation.
 */
import { BOARD_SCOPE, type ReorderTo } from '../board/board-model';
import type { ImagePart } from '../board/image-assets';
import { LIMITS, type ShapePatch, type ShapeRecord } from '../board/shape';
import { encodeViewEvent } from '../engine/view-events';
import { LIMITS as WIRE } from '../../shared/protocol';

export interface BoardActions {
  create(shapes: ShapeRecord[]): void;
  update(changes: { id: string; props: ShapePatch }[]): void;
  remove(ids: string[]): void;
  reorder(ids: string[], to: ReorderTo): void;
  undo(): void;
  redo(): void;
  /** One part of an image the board does not hold yet (image-assets.ts). */
  imagePart(part: ImagePart): void;
  /** A fresh shape id, unique to this view. */
  newId(): string;
}

type Host = { viewId: string; publish(scope: string, event: string, data?: unknown): void };

/** `items` cut into parts that each fit one event: at most maxShapesPerEvent, and within the byte limit once encoded. */
export function eventParts<T>(event: string, items: readonly T[], data: (part: T[]) => object): T[][] {
  const parts: T[][] = [];
  const split = (list: T[]) => {
    const fits = list.length <= 1 || encodeViewEvent(BOARD_SCOPE, event, data(list)).length <= WIRE.maxEventBytes;
    if (fits) return void parts.push(list);
    const half = Math.ceil(list.length / 2);
    split(list.slice(0, half));
    split(list.slice(half));
  };
  for (let i = 0; i < items.length; i += LIMITS.maxShapesPerEvent) split(items.slice(i, i + LIMITS.maxShapesPerEvent));
  return parts;
}

/** Publishes one operation as the events its parts need, in `order`. */
function operation<T>(host: Host, event: string, items: readonly T[], data: (part: T[]) => object, order: 'forward' | 'reverse' = 'forward'): void {
  const parts = eventParts(event, items, data);
  if (order === 'reverse') parts.reverse();
  parts.forEach((part, i) => host.publish(BOARD_SCOPE, event, { ...data(part), ...(i < parts.length - 1 && { more: true }) }));
}

export function boardActions(host: Host): BoardActions {
  let counter = 0;
  return {
    create: (shapes) => operation(host, 'create', shapes, (part) => ({ shapes: part })),
    update: (changes) => operation(host, 'update', changes, (part) => ({ changes: part })),
    remove: (ids) => operation(host, 'delete', ids, (part) => ({ ids: part })),
    // Sent back to front a part at a time, the shapes keep their order among themselves (to the back: the last part first).
    reorder: (ids, to) => operation(host, 'reorder', ids, (part) => ({ ids: part, to }), to === 'back' ? 'reverse' : 'forward'),
    undo: () => host.publish(BOARD_SCOPE, 'undo', {}),
    redo: () => host.publish(BOARD_SCOPE, 'redo', {}),
    imagePart: (part) => host.publish(BOARD_SCOPE, 'image-part', part),
    newId: () => `${host.viewId.slice(0, 40)}-${(++counter).toString(36)}`,
  };
}

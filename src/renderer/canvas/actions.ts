/** The board operations a view can ask for: each becomes one event, sequenced by the reflector. */
import { BOARD_SCOPE, type ReorderTo } from '../board/board-model';
import type { ImagePart } from '../board/image-assets';
import type { ShapePatch, ShapeRecord } from '../board/shape';

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

export function boardActions(host: { viewId: string; publish(scope: string, event: string, data?: unknown): void }): BoardActions {
  let counter = 0;
  return {
    create: (shapes) => shapes.length > 0 && host.publish(BOARD_SCOPE, 'create', { shapes }),
    update: (changes) => changes.length > 0 && host.publish(BOARD_SCOPE, 'update', { changes }),
    remove: (ids) => ids.length > 0 && host.publish(BOARD_SCOPE, 'delete', { ids }),
    reorder: (ids, to) => ids.length > 0 && host.publish(BOARD_SCOPE, 'reorder', { ids, to }),
    undo: () => host.publish(BOARD_SCOPE, 'undo', {}),
    redo: () => host.publish(BOARD_SCOPE, 'redo', {}),
    imagePart: (part) => host.publish(BOARD_SCOPE, 'image-part', part),
    newId: () => `${host.viewId.slice(0, 40)}-${(++counter).toString(36)}`,
  };
}

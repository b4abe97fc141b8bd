/** Board ids name folders on the host's disk, so they are a closed alphabet that no path trick can escape. */
const BOARD_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const VIEW_ID = /^[A-Za-z0-9_-]{4,64}$/;

export function isBoardId(value: unknown): value is string {
  return typeof value === 'string' && BOARD_ID.test(value);
}

export function isViewId(value: unknown): value is string {
  return typeof value === 'string' && VIEW_ID.test(value);
}

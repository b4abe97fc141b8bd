/**
 * What a board name may be, in one place: the library refuses anything else, and the rename field
 * checks as the person types (so a refused name never leaves a card without one).
 */
export const MAX_BOARD_NAME = 80;

/** A name as typed: control characters become spaces, and the ends are trimmed. */
// eslint-disable-next-line no-control-regex
export const tidyBoardName = (name: string): string => name.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();

/** Why `name` cannot be a board's name, or null when it can. */
export function boardNameProblem(name: string): string | null {
  const tidy = tidyBoardName(name);
  if (tidy.length === 0) return 'a board needs a name';
  if (tidy.length > MAX_BOARD_NAME) return `a board name has at most ${MAX_BOARD_NAME} characters`;
  return null;
}

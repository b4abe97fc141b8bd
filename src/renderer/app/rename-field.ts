/**
 * Renaming a board in place, in the library and in a board's own title: the name becomes a field;
 * Enter keeps, Escape cancels. A name the library would refuse is said beside the field as it is typed,
 * and Enter does nothing until it is fixed; leaving the field with such a name keeps the old one.
 */
import { boardNameProblem, MAX_BOARD_NAME, tidyBoardName } from '../../shared/board-name';
import { el } from './dom';

/** Puts a field in place of `shown` (put back when done); `done` gets the new name, or null for no change. */
export function renameInPlace(shown: HTMLElement, name: string, done: (name: string | null) => void): void {
  const input = el('input', { testid: 'rename-input', ariaLabel: 'Board name' });
  input.value = name;
  input.maxLength = MAX_BOARD_NAME;
  const problem = el('span', { class: 'error', testid: 'rename-error' });
  const check = () => {
    const why = boardNameProblem(input.value);
    problem.textContent = why === null ? '' : `${why[0]!.toUpperCase()}${why.slice(1)}.`;
    input.setAttribute('aria-invalid', String(why !== null));
    return why === null;
  };
  const field = el('span', { class: 'rename' }, input, problem);
  shown.replaceWith(field);
  input.focus();
  input.select();
  input.addEventListener('input', check);
  let finished = false;
  const finish = (keep: boolean) => {
    if (finished) return;
    finished = true;
    const next = keep && check() && tidyBoardName(input.value) !== name ? input.value : null;
    field.replaceWith(shown);
    done(next);
  };
  input.addEventListener('keydown', (event) => {
    event.stopPropagation(); // the board's keys do not apply while typing a name
    if (event.key === 'Enter' && check()) finish(true);
    if (event.key === 'Escape') finish(false);
  });
  input.addEventListener('blur', () => finish(true));
}

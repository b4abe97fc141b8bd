import { describe, expect, it } from 'vitest';
import { boardNameProblem, MAX_BOARD_NAME, tidyBoardName } from './board-name';

describe('board names', () => {
  it('are tidied: control characters out, ends trimmed', () => {
    expect(tidyBoardName('  Plan\tB\n ')).toBe('Plan B');
  });

  it('must be there and not too long', () => {
    expect(boardNameProblem('Plan')).toBeNull();
    expect(boardNameProblem('   ')).toMatch(/needs a name/);
    expect(boardNameProblem('x'.repeat(MAX_BOARD_NAME))).toBeNull();
    expect(boardNameProblem('x'.repeat(MAX_BOARD_NAME + 1))).toMatch(/at most 80/);
  });
});

import { describe, expect, it } from 'vitest';
import { boardFileName } from './board-file';

describe('boardFileName', () => {
  it('keeps what people write in names, parentheses too', () => {
    expect(boardFileName('Quarterly plan')).toBe('Quarterly plan.lanvas');
    expect(boardFileName('Plan (v2), Ana & Bo')).toBe('Plan (v2), Ana & Bo.lanvas');
    expect(boardFileName('Café — idées')).toBe('Café _ idées.lanvas');
  });
  it('never makes a path, a hidden file or an empty name', () => {
    expect(boardFileName('../../etc/passwd')).toBe('_.._etc_passwd.lanvas');
    expect(boardFileName('a/b\\\\c:d*e?f"g<h>i|j')).toBe('a_b_c_d_e_f_g_h_i_j.lanvas');
    expect(boardFileName('...')).toBe('board.lanvas');
    expect(boardFileName('')).toBe('board.lanvas');
  });
});

import { describe, expect, it } from 'vitest';
import { isBoardId } from './ids';
import { isInviteSession, makeInviteCode, parseInviteCode } from './invite-code';

describe('invite codes', () => {
  it('are three groups of four from an alphabet without look-alikes', () => {
    for (let i = 0; i < 200; i++) {
      const { code, session, password } = makeInviteCode();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(isBoardId(session) && isInviteSession(session)).toBe(true);
      expect(password).toHaveLength(8);
    }
  });

  it('read back what a person types: any case, spaces, dashes, I/L for 1 and O for 0', () => {
    const made = makeInviteCode();
    expect(parseInviteCode(made.code)).toEqual(made);
    expect(parseInviteCode(` ${made.code.toLowerCase().replaceAll('-', ' ')} `)).toEqual(made);
    expect(parseInviteCode('K7M2-QX9P-4TRW')?.password).toBe('QX9P4TRW');
    expect(parseInviteCode('k7m2qx9p4trw')?.code).toBe('K7M2-QX9P-4TRW');
    expect(parseInviteCode('1OL0-0000-0000')).toEqual(parseInviteCode('1010-0000-0000'));
  });

  it('refuse what cannot be a code', () => {
    for (const text of ['', 'K7M2-QX9P', 'K7M2-QX9P-4TRW-1', 'K7M2-QX9P-4TRU', 'K7M2/QX9P/4TRW', 'x'.repeat(100)]) {
      expect(parseInviteCode(text)).toBeNull();
    }
  });

  it('spread over the whole alphabet', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) for (const c of makeInviteCode().code.replaceAll('-', '')) seen.add(c);
    expect(seen.size).toBe(32);
  });
});

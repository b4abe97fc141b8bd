import { describe, expect, it } from 'vitest';
import { parseSessionHash } from './session-link';

describe('the link form of a session', () => {
  it('reads board and secret and reaches the host that served the page', () => {
    expect(parseSessionHash('#board=team-1&secret=s%20t', { protocol: 'http:', host: '10.0.0.5:8787' })).toEqual({
      url: 'ws://10.0.0.5:8787/',
      board: 'team-1',
      secret: 's t',
      name: 'team-1',
    });
    expect(parseSessionHash('#board=x&secret=y', { protocol: 'https:', host: 'h' })!.url).toBe('wss://h/');
  });

  it('reads an invite code: its public part names the session, the rest is the password', () => {
    expect(parseSessionHash('#code=K7M2-QX9P-4TRW', { protocol: 'http:', host: '10.0.0.5:41234' })).toMatchObject({
      url: 'ws://10.0.0.5:41234/',
      board: 'k7m2',
      secret: 'QX9P4TRW',
    });
    expect(parseSessionHash('#code=nonsense', { protocol: 'http:', host: 'h' })).toBeNull();
  });

  it('gives null when either part is missing', () => {
    expect(parseSessionHash('', { protocol: 'http:', host: 'h' })).toBeNull();
    expect(parseSessionHash('#board=x', { protocol: 'http:', host: 'h' })).toBeNull();
  });
});

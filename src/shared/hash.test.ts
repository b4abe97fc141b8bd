import { afterEach, describe, expect, it, vi } from 'vitest';
import { toHex } from './bytes';
import { sha256 } from './hash';

afterEach(() => vi.unstubAllGlobals());

describe('sha256', () => {
  it('works where Web Crypto has no subtle (a page served over http from a LAN address)', () => {
    vi.stubGlobal('crypto', { getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) });
    expect(toHex(sha256(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

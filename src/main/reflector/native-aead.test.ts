import { describe, expect, it } from 'vitest';
import { randomBytes } from '../../shared/bytes';
import { FrameCipher, jsAead } from '../../shared/frame-cipher';
import { nativeAead } from './native-aead';

describe("the host's native frame cipher", () => {
  it('seals exactly what the browser seals, and each opens the other', () => {
    const key = randomBytes(32);
    const nonce = randomBytes(12);
    for (const size of [0, 1, 63, 64, 1000, 65_000]) {
      const plain = randomBytes(size);
      const js = jsAead.seal(key, nonce, plain);
      expect(nativeAead.seal(key, nonce, plain)).toEqual(js);
      expect(nativeAead.open(key, nonce, js)).toEqual(plain);
      expect(jsAead.open(key, nonce, nativeAead.seal(key, nonce, plain))).toEqual(plain);
    }
  });

  it('refuses an altered frame', () => {
    const key = randomBytes(32);
    const sealed = new FrameCipher(key, nativeAead).seal(new TextEncoder().encode('hello'));
    sealed[0]! ^= 1;
    expect(() => new FrameCipher(key, nativeAead).open(sealed)).toThrow();
  });
});

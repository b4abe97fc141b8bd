/**
 * ChaCha20-Poly1305 from Node's OpenSSL: the same sealed bytes as the browser's JavaScript version, at
 * native speed, for the host, which seals every frame once per participant.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { Aead } from '../../shared/frame-cipher';

const TAG = 16;

export const nativeAead: Aead = {
  seal(key, nonce, plain) {
    const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG });
    const body = cipher.update(plain);
    cipher.final();
    const out = new Uint8Array(body.length + TAG);
    out.set(body, 0);
    out.set(cipher.getAuthTag(), body.length);
    return out;
  },
  open(key, nonce, sealed) {
    const decipher = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG });
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
    const body = decipher.update(sealed.subarray(0, sealed.length - TAG));
    decipher.final(); // throws when the tag does not verify
    return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  },
};

/**
 * Sealing of every frame after the handshake, one direction per instance: ChaCha20-Poly1305 with a
 * key from the PAKE and a nonce that counts frames. A WebSocket delivers in order and exactly once, so
 * both ends count alike; a dropped, replayed, reordered or altered frame fails to open.
 */
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';

export const SEAL_OVERHEAD = 16;

/** One implementation of ChaCha20-Poly1305 (RFC 8439); open throws when the tag does not verify. */
export interface Aead {
  seal(key: Uint8Array, nonce: Uint8Array, plain: Uint8Array): Uint8Array;
  open(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array): Uint8Array;
}

/** Pure JavaScript, for the browser; the host uses Node's native one (same algorithm, same bytes). */
export const jsAead: Aead = {
  seal: (key, nonce, plain) => chacha20poly1305(key, nonce).encrypt(plain),
  open: (key, nonce, sealed) => chacha20poly1305(key, nonce).decrypt(sealed),
};

export class FrameCipher {
  private counter = 0;

  constructor(
    private readonly key: Uint8Array,
    private readonly aead: Aead = jsAead,
  ) {
    if (key.length !== 32) throw new Error('a frame key is 32 bytes');
  }

  private nextNonce(): Uint8Array {
    const nonce = new Uint8Array(12);
    const view = new DataView(nonce.buffer);
    view.setUint32(4, Math.floor(this.counter / 2 ** 32));
    view.setUint32(8, this.counter >>> 0);
    this.counter++;
    return nonce;
  }

  seal(plain: Uint8Array): Uint8Array {
    return this.aead.seal(this.key, this.nextNonce(), plain);
  }

  /** Throws when the frame was not sealed by the peer as its next frame. */
  open(sealed: Uint8Array): Uint8Array {
    if (sealed.length < SEAL_OVERHEAD) throw new Error('sealed frame too short');
    return this.aead.open(this.key, this.nextNonce(), sealed);
  }
}

/**
 * Sealing of every frame after the handshake, one direction per instance: ChaCha20-Poly1305 with a
 * key from the PAKE and a nonce that counts frames. A WebSocket delivers in order and exactly once, so
 * both ends count alike; a dropped, replayed, reordered or altered frame fails to open.
 */
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';

export const SEAL_OVERHEAD = 16;

export class FrameCipher {
  private counter = 0;

  constructor(private readonly key: Uint8Array) {
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
    return chacha20poly1305(this.key, this.nextNonce()).encrypt(plain);
  }

  /** Throws when the frame was not sealed by the peer as its next frame. */
  open(sealed: Uint8Array): Uint8Array {
    if (sealed.length < SEAL_OVERHEAD) throw new Error('sealed frame too short');
    return chacha20poly1305(this.key, this.nextNonce()).decrypt(sealed);
  }
}

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
  constructor(
    private readonly key: Uint8Array,
    private readonly aead: Aead = jsAead,
    /** The next frame's number: 0 for a fresh key, later for one that has sealed frames already. */
    private counter = 0,
  ) {
    if (key.length !== 32) throw new Error('a frame key is 32 bytes');
  }

  get next(): number {
    return this.counter;
  }

  /** One buffer for every nonce: the AEAD reads it during the call and keeps nothing. */
  private readonly nonceBytes = new Uint8Array(12);
  private readonly nonceView = new DataView(this.nonceBytes.buffer);

  /** The nonce of the frame numbered `counter`: a frame that fails to open does not use it up. */
  private nonce(): Uint8Array {
    this.nonceView.setUint32(4, Math.floor(this.counter / 2 ** 32));
    this.nonceView.setUint32(8, this.counter >>> 0);
    return this.nonceBytes;
  }

  seal(plain: Uint8Array): Uint8Array {
    const sealed = this.aead.seal(this.key, this.nonce(), plain);
    this.counter++;
    return sealed;
  }

  /** Throws when the frame was not sealed by the peer as its next frame. */
  open(sealed: Uint8Array): Uint8Array {
    if (sealed.length < SEAL_OVERHEAD) throw new Error('sealed frame too short');
    const plain = this.aead.open(this.key, this.nonce(), sealed);
    this.counter++;
    return plain;
  }
}

/**
 * Every frame from the reflector starts with one byte naming the key that sealed it: the connection's
 * own, for what only this participant gets, or the board's broadcast key, for what every participant
 * gets (sealed once, sent to all).
 */
export const Envelope = { Direct: 0, Broadcast: 1 } as const;

export function inEnvelope(kind: (typeof Envelope)[keyof typeof Envelope], sealed: Uint8Array): Uint8Array {
  const framed = new Uint8Array(sealed.length + 1);
  framed[0] = kind;
  framed.set(sealed, 1);
  return framed;
}

/**
 * Password-authenticated key agreement: CPace (draft-irtf-cfrg-cpace) over ristretto255.
 *
 * Both sides hash the password, the board's context and a session id onto the group to get a secret
 * generator G; each sends G^x for a fresh x; the shared point K = G^xy is what only holders of the same
 * password reach. A captured exchange gives no way to test password guesses offline (recovering K for
 * a guess needs the discrete log between generators), and every online attempt tests exactly one guess,
 * which the reflector counts and slows down. So a short invite code is safe to read aloud.
 *
 * From K and the transcript, HKDF yields the two key-confirmation proofs (the reflector proves first)
 * and one traffic key per direction for the frame cipher.
 */
import { ristretto255, ristretto255_hasher } from '@noble/curves/ed25519.js';
import { bytesToNumberLE } from '@noble/curves/utils.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, randomBytes } from './bytes';

export const PAKE_SHARE_BYTES = 32;
export const PAKE_SID_BYTES = 16;
const DST = new TextEncoder().encode('lanvas-CPace-ristretto255-v1');
const INFO = new TextEncoder().encode('lanvas session keys v1');
const encoder = new TextEncoder();

export type PakeRole = 'client' | 'server';

export interface SessionKeys {
  /** The reflector's key-confirmation proof, sent with its share. */
  serverProof: Uint8Array;
  /** The client's proof, sent once it has checked the reflector's. */
  clientProof: Uint8Array;
  clientToServer: Uint8Array;
  serverToClient: Uint8Array;
}

/** Length-prefixed concatenation, so no two different inputs share an encoding. */
function lv(parts: readonly Uint8Array[]): Uint8Array {
  const out: Uint8Array[] = [];
  for (const part of parts) {
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, part.length);
    out.push(length, part);
  }
  return concatBytes(out);
}

/** One side of one key agreement. `context` binds it to a board (or an invite code's session). */
export class Pake {
  readonly share: Uint8Array;
  private readonly scalar: bigint;

  constructor(
    readonly role: PakeRole,
    password: string,
    private readonly context: string,
    readonly sid: Uint8Array,
  ) {
    const generator = ristretto255_hasher.hashToCurve(lv([encoder.encode(password), encoder.encode(context), sid]), { DST });
    const { Fn } = ristretto255.Point;
    let scalar = 0n;
    while (scalar === 0n) scalar = Fn.create(bytesToNumberLE(randomBytes(64)));
    this.scalar = scalar;
    this.share = generator.multiply(scalar).toBytes();
  }

  /** Combines the peer's share into the session keys; throws on a share that is not a valid element. */
  finish(peerShare: Uint8Array): SessionKeys {
    const peer = ristretto255.Point.fromBytes(peerShare);
    if (peer.is0()) throw new Error('the peer sent the identity element');
    const shared = peer.multiply(this.scalar).toBytes();
    const [clientShare, serverShare] = this.role === 'client' ? [this.share, peerShare] : [peerShare, this.share];
    const info = concatBytes([INFO, lv([encoder.encode(this.context), clientShare, serverShare])]);
    const okm = hkdf(sha256, shared, this.sid, info, 128);
    return {
      serverProof: okm.slice(0, 32),
      clientProof: okm.slice(32, 64),
      clientToServer: okm.slice(64, 96),
      serverToClient: okm.slice(96, 128),
    };
  }
}

/**
 * Both ends of the handshake, on the PAKE: the client's hello carries its share; the reflector answers
 * with its share and its proof; the client checks that proof before it sends its own. Each end then
 * seals and opens every further frame with its own pair of frame ciphers; a client also opens the board's
 * broadcasts, whose key the reflector sends it over its own (see reflector-frames.ts).
 */
import { constantTimeEqual, randomBytes } from './bytes';
import { FrameCipher, jsAead, type Aead } from './frame-cipher';
import { Pake, PAKE_SID_BYTES } from './pake';
import { ReflectorFrames } from './reflector-frames';

/** The reflector's frame ciphers for one authenticated connection. */
export interface SealedChannel {
  outgoing: FrameCipher;
  incoming: FrameCipher;
}

/** A client's: what it sends is sealed with its own key; what it hears may also be a broadcast. */
export interface ClientChannel {
  outgoing: FrameCipher;
  incoming: ReflectorFrames;
}

/** What binds a key agreement to the board (or invite code) the client asked for. */
const pakeContext = (ref: string): string => `lanvas/${ref}`;

export class ClientHandshake {
  readonly sid = randomBytes(PAKE_SID_BYTES);
  private readonly pake: Pake;

  constructor(ref: string, password: string) {
    this.pake = new Pake('client', password, pakeContext(ref), this.sid);
  }

  get share(): Uint8Array {
    return this.pake.share;
  }

  /** Checks the reflector's proof; null means it does not know the password (or is not the host). */
  answer(serverShare: Uint8Array, serverProof: Uint8Array): { proof: Uint8Array; channel: ClientChannel } | null {
    let keys;
    try {
      keys = this.pake.finish(serverShare);
    } catch {
      return null;
    }
    if (!constantTimeEqual(keys.serverProof, serverProof)) return null;
    return { proof: keys.clientProof, channel: { outgoing: new FrameCipher(keys.clientToServer), incoming: new ReflectorFrames(new FrameCipher(keys.serverToClient)) } };
  }
}

export class ServerHandshake {
  readonly share: Uint8Array;
  readonly proof: Uint8Array;
  private readonly expected: Uint8Array;
  private readonly channel: SealedChannel;

  /** Throws when the client's share is not a valid group element. */
  constructor(ref: string, password: string, sid: Uint8Array, clientShare: Uint8Array, aead: Aead = jsAead) {
    const pake = new Pake('server', password, pakeContext(ref), sid);
    const keys = pake.finish(clientShare);
    this.share = pake.share;
    this.proof = keys.serverProof;
    this.expected = keys.clientProof;
    this.channel = { outgoing: new FrameCipher(keys.serverToClient, aead), incoming: new FrameCipher(keys.clientToServer, aead) };
  }

  /** The sealed channel when the client's proof is right, else null. */
  verify(clientProof: Uint8Array): SealedChannel | null {
    return constantTimeEqual(this.expected, clientProof) ? this.channel : null;
  }
}

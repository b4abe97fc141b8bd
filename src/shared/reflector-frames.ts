/**
 * A client's side of the frames that come from the reflector after the handshake: each is opened with
 * the key its envelope names, then decoded and validated. The connection's own key comes from the
 * handshake; the board's broadcast key comes in the welcome and in each rekey, both sealed with the
 * connection's key, so only a participant who proved the secret ever holds it.
 */
import { Envelope, FrameCipher, SEAL_OVERHEAD } from './frame-cipher';
import { decodeServerFrame } from './frames';
import type { ServerMsg } from './protocol';
import { ValidationError } from './validate';

export class ReflectorFrames {
  private broadcast: FrameCipher | null = null;

  constructor(private readonly direct: FrameCipher) {}

  /** Throws when a frame is malformed, out of order, altered, or sealed with a key this client lacks. */
  open(bytes: Uint8Array): ServerMsg {
    if (bytes.length < 1 + SEAL_OVERHEAD) throw new ValidationError('sealed frame too short');
    const sealed = bytes.subarray(1);
    if (bytes[0] === Envelope.Direct) {
      const msg = decodeServerFrame(this.direct.open(sealed));
      if (msg.t === 'welcome') this.broadcast = new FrameCipher(msg.broadcast.key, undefined, msg.broadcast.next);
      else if (msg.t === 'rekey') this.broadcast = new FrameCipher(msg.key);
      return msg;
    }
    if (bytes[0] !== Envelope.Broadcast) throw new ValidationError('unknown envelope');
    if (this.broadcast === null) throw new ValidationError('broadcast frame before the board key');
    const msg = decodeServerFrame(this.broadcast.open(sealed));
    if (msg.t === 'welcome' || msg.t === 'rekey') throw new ValidationError(`${msg.t} must come sealed for this connection`);
    return msg;
  }
}

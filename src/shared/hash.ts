/**
 * SHA-256 in plain JS (@noble/hashes). Not Web Crypto: `crypto.subtle` exists only in secure contexts,
 * and a page a host serves at `http://10.x.x.x:PORT/` is not one, so a LAN browser would have none.
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

export function sha256(bytes: Uint8Array): Uint8Array {
  return nobleSha256(bytes);
}

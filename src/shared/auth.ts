/**
 * Challenge-response access to a board: both sides prove they know the board secret without sending it.
 * The key is stretched from the secret with HKDF; proofs are HMACs over both nonces, so a recorded
 * exchange cannot be replayed. (A short secret can still be guessed offline from a capture: the LAN
 * invite code of the desktop issue replaces this key with one agreed by a PAKE.)
 */
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, constantTimeEqual } from './bytes';

const encoder = new TextEncoder();

export function deriveBoardKey(secret: string, board: string): Uint8Array {
  return hkdf(sha256, encoder.encode(secret), encoder.encode(`lanvas/board/${board}`), encoder.encode('lanvas auth v1'), 32);
}

function proof(key: Uint8Array, role: 'client' | 'server', board: string, cnonce: Uint8Array, snonce: Uint8Array): Uint8Array {
  return hmac(sha256, key, concatBytes([encoder.encode(`${role}\0${board}\0`), cnonce, snonce]));
}

export const clientProof = (key: Uint8Array, board: string, cnonce: Uint8Array, snonce: Uint8Array): Uint8Array =>
  proof(key, 'client', board, cnonce, snonce);

export const serverProof = (key: Uint8Array, board: string, cnonce: Uint8Array, snonce: Uint8Array): Uint8Array =>
  proof(key, 'server', board, cnonce, snonce);

export function verifyProof(expected: Uint8Array, given: Uint8Array): boolean {
  return constantTimeEqual(expected, given);
}

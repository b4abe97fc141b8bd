/**
 * Invite codes: twelve characters a person can read aloud and type, shown as three groups of four
 * ("K7M2-QX9P-4TRW"), in Crockford's base-32 alphabet (no I, L, O or U; typing them is forgiven).
 * The first group names the shared session, so joiners can find the host and the host knows which board
 * is meant; it is not secret. The other eight characters (40 bits) are the PAKE password: never sent,
 * never announced, and only testable one online guess at a time.
 */
import { randomBytes } from './bytes';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SESSION_CHARS = 4;
const PASSWORD_CHARS = 8;
const CODE_CHARS = SESSION_CHARS + PASSWORD_CHARS;
/** Look-alikes a person may type, read as the character they stand for. */
const FORGIVEN: Record<string, string> = { I: '1', L: '1', O: '0' };

export interface InviteCode {
  /** As shown: three groups of four. */
  code: string;
  /** What the hello names (lower case, a valid board reference). */
  session: string;
  password: string;
}

function fromChars(chars: string): InviteCode {
  const code = `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  return { code, session: chars.slice(0, SESSION_CHARS).toLowerCase(), password: chars.slice(SESSION_CHARS) };
}

export function makeInviteCode(): InviteCode {
  let chars = '';
  for (const b of randomBytes(CODE_CHARS)) chars += ALPHABET[b & 31];
  return fromChars(chars);
}

/** Reads what a person typed (any case, spaces or dashes anywhere); null when it cannot be a code. */
export function parseInviteCode(text: string): InviteCode | null {
  if (text.length > 64) return null;
  let chars = '';
  for (const raw of text.toUpperCase()) {
    if (raw === '-' || raw === ' ') continue;
    const c = FORGIVEN[raw] ?? raw;
    if (!ALPHABET.includes(c)) return null;
    chars += c;
  }
  return chars.length === CODE_CHARS ? fromChars(chars) : null;
}

/** True for a value that can be an invite code's session part (as sent in a hello or a discovery query). */
export function isInviteSession(value: unknown): value is string {
  return typeof value === 'string' && value.length === SESSION_CHARS && [...value.toUpperCase()].every((c) => ALPHABET.includes(c));
}

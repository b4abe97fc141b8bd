/** Who this person is in sessions: a name and a colour, remembered on this device. */
import type { UserInfo } from '../../shared/protocol';

const KEY = 'lanvas.identity';
/** The colours a person can pick for themselves (and one is drawn from for a newcomer). */
export const IDENTITY_COLORS = ['#e03131', '#2f9e44', '#1971c2', '#f08c00', '#9c36b5', '#0c8599', '#c2255c', '#5c940d'];

export function loadIdentity(storage: Storage): UserInfo {
  try {
    const saved = JSON.parse(storage.getItem(KEY) ?? 'null') as UserInfo | null;
    if (saved && typeof saved.name === 'string' && /^#[0-9a-f]{6}$/i.test(saved.color)) return saved;
  } catch {
    /* a damaged entry is replaced below */
  }
  const identity = {
    name: `Guest ${Math.floor(1000 + Math.random() * 9000)}`,
    color: IDENTITY_COLORS[Math.floor(Math.random() * IDENTITY_COLORS.length)]!,
  };
  saveIdentity(storage, identity);
  return identity;
}

export function saveIdentity(storage: Storage, identity: UserInfo): void {
  storage.setItem(KEY, JSON.stringify(identity));
}

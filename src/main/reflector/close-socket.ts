/**
 * Closing a WebSocket without waiting on the peer: `ws` waits up to 30 s for the other end's close
 * frame, and a guest that stopped reading (a laptop lid shut, a cable pulled) never sends one. Quitting
 * or stopping sharing must not hang on it.
 */
import type { WebSocket } from 'ws';
import { LIMITS } from '../../shared/protocol';

export function closeSocket(socket: WebSocket, code: number, reason: string, graceMs: number = LIMITS.closeGraceMs): void {
  if (socket.readyState === socket.CLOSED) return;
  socket.close(code, reason);
  const timer = setTimeout(() => socket.terminate(), graceMs);
  timer.unref?.();
  socket.once('close', () => clearTimeout(timer));
}

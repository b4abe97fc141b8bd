/**
 * Bounds what a stranger's half-open connections can hold: each address may keep only so many sockets
 * open at once, and a socket must finish its HTTP request (a page, or the WebSocket upgrade) within a few
 * seconds. Without this, sockets that never finished their request were held for 90 s, and a few hundred
 * of them used up the host's file descriptors so nobody new could join.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';

export const CONNECTION_LIMITS = {
  /**
   * Open sockets one address may hold. A machine needs a handful per window (a browser opens up to six
   * for a page's files, kept alive for a few seconds, and one WebSocket per board); this leaves room for
   * several windows while bounding what one stranger can hold.
   */
  maxPerAddress: 64,
  /** Time from connecting to a complete request. */
  requestMs: 5000,
};

export function guardConnections(server: Server, limits = CONNECTION_LIMITS): void {
  const open = new Map<string, number>();
  const deadlines = new WeakMap<Socket, ReturnType<typeof setTimeout>>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = (open.get(address) ?? 0) + 1;
    if (count > limits.maxPerAddress) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    const deadline = setTimeout(() => socket.destroy(), limits.requestMs);
    deadline.unref();
    deadlines.set(socket, deadline);
    socket.once('close', () => {
      clearTimeout(deadline);
      const left = open.get(address)! - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
  // A complete request has been handed on: from then on the server's own rules (and the reflector's) apply.
  const complete = (req: IncomingMessage) => clearTimeout(deadlines.get(req.socket));
  server.prependListener('request', complete);
  server.prependListener('upgrade', complete);
}

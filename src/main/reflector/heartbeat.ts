/**
 * Finds the participants whose network path has gone quiet (Wi-Fi dropped, a cable pulled) in seconds,
 * not after the minutes a TCP timeout takes. Every `pingMs` each socket is pinged; one that has sent
 * nothing (no pong, no frame) for `silenceMs` is cut off, unless what we are still writing to it drains,
 * which is a peer receiving a large welcome, not a dead one.
 */
import type { WebSocket } from 'ws';

interface Watch {
  lastHeard: number;
  buffered: number;
}

export class Heartbeat {
  private readonly sockets = new Map<WebSocket, Watch>();
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly pingMs: number,
    private readonly silenceMs: number,
    private readonly onDead: (socket: WebSocket) => void,
  ) {
    this.timer = setInterval(() => this.beat(), pingMs);
    this.timer.unref?.();
  }

  watch(socket: WebSocket): void {
    const watch: Watch = { lastHeard: performance.now(), buffered: socket.bufferedAmount };
    this.sockets.set(socket, watch);
    const heard = () => (watch.lastHeard = performance.now());
    socket.on('pong', heard);
    socket.on('message', heard);
    socket.once('close', () => this.sockets.delete(socket));
  }

  private beat(): void {
    const now = performance.now();
    for (const [socket, watch] of this.sockets) {
      const buffered = socket.bufferedAmount;
      if (buffered > 0 && buffered < watch.buffered) watch.lastHeard = now;
      watch.buffered = buffered;
      if (now - watch.lastHeard > this.silenceMs) {
        this.sockets.delete(socket);
        this.onDead(socket);
      } else if (socket.readyState === socket.OPEN) {
        socket.ping();
      }
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.sockets.clear();
  }
}

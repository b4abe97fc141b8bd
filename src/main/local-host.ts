/**
 * The reflector and board store embedded in the desktop app, on loopback only, with a secret made
 * fresh at every launch. Drawing alone goes through it like any session, so every change is logged.
 */
import { randomId } from '../shared/bytes';
import type { LocalSessionInfo } from '../shared/ipc-contract';
import { Reflector } from './reflector/reflector';
import { BoardStore } from './store/board-store';

export class LocalHost {
  private constructor(
    private readonly reflector: Reflector,
    private readonly secret: string,
  ) {}

  static async start(dataDir: string, log: (line: string) => void): Promise<LocalHost> {
    const secret = randomId(24);
    const reflector = await Reflector.start({ store: new BoardStore(dataDir), resolve: (board) => ({ board, password: secret }), host: '127.0.0.1', port: 0, log });
    return new LocalHost(reflector, secret);
  }

  session(board = 'my-board'): LocalSessionInfo {
    return { url: `ws://127.0.0.1:${this.reflector.port}/`, board, secret: this.secret };
  }

  /** Flushes every board's log and closes; nothing acknowledged is lost. */
  close(): Promise<void> {
    return this.reflector.close();
  }
}

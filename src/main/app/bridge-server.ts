/**
 * The desktop back end for a browser: the same handlers as Electron's IPC, over one WebSocket on
 * loopback, next to the renderer's build. It lets the whole app run (and be tested) in any Chromium
 * where Electron is not available. Only a page from this server, holding the launch token, gets in.
 */
import type { Server } from 'node:http';
import { Packr } from 'msgpackr';
import { WebSocketServer, type WebSocket } from 'ws';
import { randomId } from '../../shared/bytes';
import { IPC_CHANNELS, type IpcChannel, type PushChannel, type PushContract } from '../../shared/ipc-contract';
import { isObj, isInt } from '../../shared/validate';
import { createStaticServer } from '../host/static-server';
import { userMessage } from './errors';
import type { Handlers } from './handlers';

const packr = new Packr({ useRecords: false, moreTypes: false, mapsAsObjects: true });
const MAX_REQUEST_BYTES = 400 * 1024 * 1024;

export interface BridgeServer {
  url: string;
  port: number;
  push<P extends PushChannel>(channel: P, data: PushContract[P]): void;
  close(): Promise<void>;
}

export async function startBridgeServer(options: { handlers: Handlers; webDir: string; port?: number; log?: (line: string) => void }): Promise<BridgeServer> {
  const token = randomId(24);
  const server: Server = createStaticServer(options.webDir);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_BYTES, perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const origin = `http://127.0.0.1:${port}`;

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname !== '/bridge' || url.searchParams.get('token') !== token || request.headers.origin !== origin) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => serve(ws));
  });

  const serve = (ws: WebSocket) => {
    ws.on('message', (data: Buffer) => {
      let request: unknown;
      try {
        request = packr.unpack(data);
      } catch {
        return ws.close(4400, 'malformed request');
      }
      if (!isObj(request) || !isInt(request.id) || !IPC_CHANNELS.includes(request.channel as IpcChannel)) return ws.close(4400, 'malformed request');
      const { id } = request;
      const channel = request.channel as IpcChannel;
      Promise.resolve()
        .then(() => options.handlers[channel](request.arg))
        .then(
          (result) => ws.send(packr.pack({ id, result: result ?? null })),
          (error: unknown) => ws.send(packr.pack({ id, error: userMessage(error, options.log) })),
        );
    });
  };

  return {
    url: `${origin}/#bridge=${token}`,
    port,
    push: (channel, data) => {
      for (const ws of wss.clients) ws.send(packr.pack({ push: channel, data }));
    },
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

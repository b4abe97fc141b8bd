/**
 * The desktop bridge for a browser tab opened by the loopback app server (`#bridge=TOKEN`): the same
 * task functions window.lanvas offers in Electron, carried over one WebSocket to the same handlers.
 */
import { Packr } from 'msgpackr';
import { TASKS, type JoinLink, type LanvasBridge, type MenuCommand, type Task } from '../../shared/ipc-contract';

const packr = new Packr({ useRecords: false, moreTypes: false, mapsAsObjects: true });

interface Reply {
  id?: number;
  result?: unknown;
  error?: string;
  push?: string;
  data?: unknown;
}

export function connectBridge(token: string): Promise<LanvasBridge> {
  const socket = new WebSocket(`ws://${location.host}/bridge?token=${encodeURIComponent(token)}`);
  socket.binaryType = 'arraybuffer';
  const calls = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const pushes = new Map<string, (data: unknown) => void>();
  let nextId = 1;
  socket.addEventListener('message', (event) => {
    const reply = packr.unpack(new Uint8Array(event.data as ArrayBuffer)) as Reply;
    if (reply.push !== undefined) return pushes.get(reply.push)?.(reply.data);
    const call = calls.get(reply.id!);
    calls.delete(reply.id!);
    if (reply.error !== undefined) call?.reject(new Error(reply.error));
    else call?.resolve(reply.result);
  });
  socket.addEventListener('close', () => {
    for (const call of calls.values()) call.reject(new Error('the app has closed'));
    calls.clear();
  });
  const invoke = (channel: string, arg: unknown) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      calls.set(id, { resolve, reject });
      socket.send(packr.pack({ id, channel, arg: arg ?? null }));
    });
  const tasks = Object.fromEntries((Object.keys(TASKS) as Task[]).map((task) => [task, (arg?: unknown) => invoke(TASKS[task], arg)]));
  const bridge = {
    ...tasks,
    onMenuCommand: (handler: (command: MenuCommand) => void) => void pushes.set('menu:command', handler as (d: unknown) => void),
    onJoinLink: (handler: (link: JoinLink) => void) => void pushes.set('link:join', handler as (d: unknown) => void),
  } as unknown as LanvasBridge;
  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => resolve(bridge));
    socket.addEventListener('error', () => reject(new Error('cannot reach the Lanvas app on this machine')));
  });
}

/**
 * How a session sends what its user publishes: batched while busy (one frame per display frame, not
 * one per event), and never at the cost of an event or of its order against what follows it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocketLike } from '../../src/renderer/session/connection';
import { startHost, until } from '../support/host';
import { joinSession } from '../support/join';
import { wsFactory } from '../support/node-platform';
import { Board } from '../support/test-model';

let host: Awaited<ReturnType<typeof startHost>> | null = null;
afterEach(async () => {
  await host?.reflector.close();
  host = null;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('publishing', () => {
  it('a busy client sends its events in fewer frames than events, and every one arrives', async () => {
    host = await startHost();
    let frames = 0;
    const counting = (url: string): WebSocketLike => {
      const socket = wsFactory(url);
      const send = socket.send.bind(socket);
      return Object.assign(socket, { send: (data: Uint8Array) => (frames++, send(data)) });
    };
    const ada = await joinSession(host.url, 'busy', 'Ada', Board, { webSocket: counting });
    const bob = await joinSession(host.url, 'busy', 'Bob', Board);
    const before = frames;
    for (let i = 0; i < 60; i++) {
      ada.publish('board', 'add', { key: `k${i}`, label: '', by: 'A' });
      await sleep(2); // a stream of events, closer together than a display frame
    }
    await until(() => bob.model.items.size === 60, 'every event at the other replica');
    expect(frames - before).toBeLessThan(60);
    expect([...bob.model.items.keys()]).toEqual([...ada.model.items.keys()]); // in the order published
    ada.leave();
    bob.leave();
  });

  it('events published just before leaving still reach the board', async () => {
    host = await startHost();
    const ada = await joinSession(host.url, 'bye', 'Ada', Board);
    const bob = await joinSession(host.url, 'bye', 'Bob', Board);
    ada.publish('board', 'add', { key: 'first', label: '', by: 'A' });
    await sleep(1); // the next ones fall inside the busy window
    for (let i = 0; i < 5; i++) ada.publish('board', 'add', { key: `k${i}`, label: '', by: 'A' });
    ada.leave();
    await until(() => bob.model.items.size === 6, 'the events sent on leaving');
    bob.leave();
  });

  it('a snapshot asked for right after publishing holds those events', async () => {
    host = await startHost();
    const ada = await joinSession(host.url, 'snap', 'Ada', Board);
    ada.publish('board', 'add', { key: 'first', label: '', by: 'A' });
    await sleep(1);
    for (let i = 0; i < 3; i++) ada.publish('board', 'add', { key: `k${i}`, label: '', by: 'A' });
    expect(await ada.storeSnapshot()).toBe(true);
    const board = host.reflector.board('snap')!.board;
    expect(board.snapshot!.seq).toBe(board.lastSeq);
    expect(board.eventsAfterSnapshot().filter((e) => e[2] === 0)).toHaveLength(0); // every user event is inside the snapshot
    ada.leave();
  });
});

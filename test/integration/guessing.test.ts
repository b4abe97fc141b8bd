/**
 * Guessers on the network cannot keep honest people out of a board. Every hello is charged (online
 * guessing stays slow), but an address that has proven the board is never charged to its budget, a
 * spent budget makes hellos wait their turn instead of refusing them, and an app turned away waits and
 * tries again by itself. Source addresses 127.0.0.x stand for separate hosts.
 */
import { afterEach, expect, it } from 'vitest';
import type { Session } from '../../src/renderer/session/session';
import { CloseCode } from '../../src/shared/protocol';
import { startHost, until } from '../support/host';
import { joinSession } from '../support/join';
import { wsFrom } from '../support/node-platform';
import { RawClient } from '../support/raw-client';
import { Board } from '../support/test-model';

let host: Awaited<ReturnType<typeof startHost>> | null = null;
const sessions: Session<Board>[] = [];
const raws: RawClient[] = [];

afterEach(async () => {
  for (const s of sessions.splice(0)) s.leave();
  for (const r of raws.splice(0)) r.ws.close();
  await host?.reflector.close();
  host = null;
});

/** One wrong guess from `address`: the close code it got (4401 when its guess was tested). */
async function guess(address: string, n: number): Promise<number> {
  const raw = new RawClient(host!.url, address);
  raws.push(raw);
  await raw.opened();
  raw.hello('room', `guess ${n}`, `guess${n}x`);
  const challenge = raw.next('challenge', 15_000).then(
    () => raw.send({ t: 'auth', proof: new Uint8Array(32), join: new Uint8Array(64) }),
    () => {},
  );
  const { code } = await raw.closed;
  await challenge;
  return code;
}

const join = (address: string, name: string, extra = {}) => joinSession(host!.url, 'room', name, Board, { webSocket: wsFrom(address), ...extra });

it('with guessers on ten addresses and fresh ones every half second, the room still gets in', async () => {
  host = await startHost({ boards: ['room'] }); // the real budgets
  sessions.push(await join('127.0.0.1', 'Ana'));

  // 70 guesses from 10 addresses spend the board's burst...
  const codes = await Promise.all(Array.from({ length: 70 }, (_, n) => guess(`127.0.0.${10 + (n % 10)}`, n)));
  expect(codes.filter((c) => c === CloseCode.Unauthorized).length).toBeGreaterThan(0);
  expect(codes.every((c) => c === CloseCode.Unauthorized || c === CloseCode.RateLimited)).toBe(true);

  // ...then fresh addresses keep guessing, two a second, while people join.
  let stop = false;
  let n = 100;
  const guessing = (async () => {
    while (!stop) {
      void guess(`127.0.1.${n % 250}`, n++);
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
  try {
    // Ana's machine has proven the board: a second window from it is not charged at all.
    sessions.push(await join('127.0.0.1', 'Ana again'));
    // Five newcomers on fresh addresses each get in.
    for (let i = 1; i <= 5; i++) sessions.push(await join(`127.0.2.${i}`, `Newcomer ${i}`));
    sessions[0]!.publish('board', 'add', { key: 'hello', label: 'hi', by: 'Ana' });
    await until(() => sessions.every((s) => s.model.items.has('hello')), 'everyone on the board');
  } finally {
    stop = true;
    await guessing;
  }
  // Guessing stayed slow: at most the board's burst and its rate over the run were tested.
  const tested = host.logs.filter((l) => l.includes('wrong proof')).length;
  expect(tested).toBeLessThanOrEqual(60 + 5 * 30);
});

it('a spent budget makes a hello wait its turn; a join turned away tries again by itself and says so', async () => {
  host = await startHost({ boards: ['room'], guessRates: { perBoard: { perMinute: 30, burst: 1 }, maxWaiting: 1 } });
  sessions.push(await join('127.0.0.1', 'Ana')); // spends the burst (and gets it back: it proved itself)
  expect(await guess('127.0.0.10', 1)).toBe(CloseCode.Unauthorized); // spends it for good

  // A guesser waits for the next token (2 s away), holding the waiting room's only place...
  const waiting = new RawClient(host.url, '127.0.0.11');
  raws.push(waiting);
  await waiting.opened();
  waiting.hello('room', 'guess', 'waitingG');
  await new Promise((r) => setTimeout(r, 200));
  expect(waiting.received).toEqual([]); // not refused: waiting
  // ...so a newcomer is turned away for now, is told, and gets in on a later try.
  const turnedAway: string[] = [];
  const newcomer = await join('127.0.2.1', 'Newcomer', { onTurnedAway: (reason: string) => turnedAway.push(reason) });
  sessions.push(newcomer);
  expect(turnedAway[0]).toMatch(/too many attempts at this board/);
  await waiting.next('challenge'); // the waiting guesser had its turn too
});

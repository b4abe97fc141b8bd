/**
 * Bad input from the network: each kind closes that one connection with its code and reason; a healthy
 * client on the same board keeps working and nothing of the bad input reaches the store.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/renderer/session/session';
import { encodeFrame } from '../../src/shared/frames';
import { CloseCode, LIMITS, PROTOCOL_VERSION } from '../../src/shared/protocol';
import { encodeViewEvent } from '../../src/renderer/engine/view-events';
import { Board } from '../support/test-model';
import { SECRET, startHost, until } from '../support/host';
import { RawClient } from '../support/raw-client';
import { joinSession } from '../support/join';

let host: Awaited<ReturnType<typeof startHost>>;
let healthy: Session<Board>;
let added = 0;

beforeAll(async () => {
  host = await startHost({ boards: ['main'], policy: { tickMs: 30 } });
  healthy = await joinSession(host.url, 'main', 'Healthy', Board);
});

afterAll(async () => {
  healthy.leave();
  await host.reflector.close();
});

/** The healthy client still round-trips an event, and the board log grew by exactly its events. */
async function healthyStillWorks(): Promise<void> {
  const key = `ok-${++added}`;
  healthy.publish('board', 'add', { key, label: '', by: 'H' });
  await until(() => healthy.model.items.has(key), `healthy event ${key}`);
  expect(healthy.status).toBe('connected');
}

function boardSeq(): number {
  return host.reflector.board('main')!.board.lastSeq;
}

async function expectClosed(client: RawClient, code: number, reason: RegExp): Promise<void> {
  const closed = await client.closed;
  expect(closed.code).toBe(code);
  expect(closed.reason).toMatch(reason);
}

describe('bad input', () => {
  it('malformed msgpack', async () => {
    const before = boardSeq();
    const c = new RawClient(host.url);
    await c.opened();
    c.sendBytes(new Uint8Array([0xc1, 0xff, 0x00]));
    await expectClosed(c, CloseCode.Malformed, /malformed msgpack|not a message/);
    expect(boardSeq()).toBe(before);
    await healthyStillWorks();
  });

  it('a text frame', async () => {
    const c = new RawClient(host.url);
    await c.opened();
    c.sendBytes('hello?');
    await expectClosed(c, CloseCode.Malformed, /binary frames only/);
  });

  it('an oversized frame: one byte over the limit', async () => {
    const before = boardSeq();
    const c = new RawClient(host.url);
    await c.opened();
    c.sendBytes(new Uint8Array(LIMITS.maxFrameBytes + 1));
    expect((await c.closed).code).toBe(CloseCode.TooLarge);
    expect(boardSeq()).toBe(before);
    await healthyStillWorks();
  });

  it('a frame of exactly the limit is read (and judged by what it holds)', async () => {
    const c = new RawClient(host.url);
    await c.opened();
    c.sendBytes(new Uint8Array(LIMITS.maxFrameBytes).fill(0xc1));
    await expectClosed(c, CloseCode.Malformed, /malformed msgpack|not a message/);
  });

  it('an unknown message type', async () => {
    const c = new RawClient(host.url);
    await c.opened();
    c.send({ t: 'bogus' } as never);
    await expectClosed(c, CloseCode.Malformed, /unknown message type/);
  });

  it('a field of the wrong type', async () => {
    const c = new RawClient(host.url);
    await c.opened();
    c.send({ t: 'hello', v: PROTOCOL_VERSION, board: '../../etc', sid: new Uint8Array(16), share: new Uint8Array(32) });
    await expectClosed(c, CloseCode.Malformed, /hello.board/);
  });

  it('a board this host does not serve: nothing is created on disk', async () => {
    const c = new RawClient(host.url);
    await c.opened();
    c.hello('elsewhere', SECRET);
    await expectClosed(c, CloseCode.UnknownBoard, /no such board/);
    expect(fs.existsSync(path.join(host.dataDir, 'boards', 'elsewhere'))).toBe(false);
  });

  it('a wrong proof', async () => {
    const before = boardSeq();
    const c = new RawClient(host.url);
    await c.authenticate('main', SECRET, 'rawVIEW2', true);
    await expectClosed(c, CloseCode.Unauthorized, /wrong proof/);
    expect(c.received.map((m) => m.t)).toEqual(['challenge']); // a stranger gets no board data
    expect(boardSeq()).toBe(before);
  });

  it('the wrong secret: neither side can prove itself to the other', async () => {
    const c = new RawClient(host.url);
    expect(await c.authenticate('main', 'not the secret', 'rawVIEW3')).toBe(false);
    await expectClosed(c, CloseCode.Unauthorized, /wrong proof/);
    expect(c.received.map((m) => m.t)).toEqual(['challenge']);
  });

  it('a key share that is not a group element', async () => {
    const c = new RawClient(host.url);
    await c.opened();
    c.send({ t: 'hello', v: PROTOCOL_VERSION, board: 'main', sid: new Uint8Array(16), share: new Uint8Array(32).fill(0xff) });
    await expectClosed(c, CloseCode.Malformed, /not a valid key share/);
  });

  it('an unsealed frame after the handshake', async () => {
    const before = boardSeq();
    const c = new RawClient(host.url);
    await c.authenticate('main', SECRET, 'rawVIEW9');
    await c.next('welcome');
    c.sendBytes(encodeFrame({ t: 'publish', first: 1, data: [encodeViewEvent('board', 'add', { key: 'plain', label: '', by: '' })] }));
    await expectClosed(c, CloseCode.Malformed, /malformed or unsealed/);
    await healthyStillWorks();
    expect(healthy.model.items.has('plain')).toBe(false);
    expect(boardSeq()).toBeGreaterThan(before); // the healthy event and the raw client's join and exit only
  });

  it('an event without proof', async () => {
    const before = boardSeq();
    const c = new RawClient(host.url);
    await c.opened();
    c.hello('main', SECRET, 'rawVIEW4');
    await c.next('challenge');
    c.send({ t: 'publish', first: 1, data: [encodeViewEvent('board', 'add', { key: 'sneaky', label: '', by: '' })] });
    await expectClosed(c, CloseCode.Malformed, /expected auth/);
    expect(boardSeq()).toBe(before);
    expect(healthy.model.items.has('sneaky')).toBe(false);
  });

  it('a protocol version from another release', async () => {
    const c = new RawClient(host.url);
    await c.opened();
    c.send({ t: 'hello', v: PROTOCOL_VERSION + 1, board: 'main', sid: new Uint8Array(16), share: new Uint8Array(32) });
    await expectClosed(c, CloseCode.VersionMismatch, /protocol/);
  });

  it('a flood past the rate limit', async () => {
    const c = new RawClient(host.url);
    await c.authenticate('main', SECRET, 'rawVIEW6');
    await c.next('welcome');
    const data = encodeViewEvent('board', 'tag', { tag: 'flood' });
    for (let i = 1; i <= LIMITS.eventRate.burst * 3; i++) c.send({ t: 'publish', first: i, data: [data] });
    await expectClosed(c, CloseCode.RateLimited, /too many events/);
    await healthyStillWorks();
    expect(healthy.model.present.has('rawVIEW6')).toBe(false);
  });

  it('a flood packed into one frame: events are counted, not frames', async () => {
    const c = new RawClient(host.url);
    await c.authenticate('main', SECRET, 'rawVIEWa');
    await c.next('welcome');
    // Two full frames, each within the per-frame limit, together past the burst: the second is refused.
    const frame = (tag: string) => Array.from({ length: LIMITS.maxEventsPerFrame }, () => encodeViewEvent('board', 'tag', { tag }));
    c.send({ t: 'publish', first: 1, data: frame('allowed') });
    c.send({ t: 'publish', first: 1 + LIMITS.maxEventsPerFrame, data: frame('packed') });
    await expectClosed(c, CloseCode.RateLimited, /too many events/);
    await healthyStillWorks();
    expect(healthy.model.tags.has('packed')).toBe(false);
  });

  it('a malformed frame from an authenticated client', async () => {
    const c = new RawClient(host.url);
    await c.authenticate('main', SECRET, 'rawVIEW7');
    await c.next('welcome');
    c.send({ t: 'publish', first: 0, data: [new Uint8Array(1)] });
    await expectClosed(c, CloseCode.Malformed, /publish.first/);
    await healthyStillWorks();
  });

  it('a publish frame with no events, too many, or something that is not bytes', async () => {
    for (const [i, data] of [[], Array.from({ length: LIMITS.maxEventsPerFrame + 1 }, () => new Uint8Array(1)), [new Uint8Array(1), 'text']].entries()) {
      const c = new RawClient(host.url);
      await c.authenticate('main', SECRET, `rawVIEWb${i}`);
      await c.next('welcome');
      c.send({ t: 'publish', first: 1, data } as never);
      await expectClosed(c, CloseCode.Malformed, /publish.data/);
    }
    await healthyStillWorks();
  });
});

describe('guessing the password', () => {
  it('is slowed per address: after the budget of failures even the right password waits', async () => {
    const guarded = await startHost({ boards: ['main'], guessRates: { perAddress: { perMinute: 1, burst: 3 }, perBoard: { perMinute: 60, burst: 100 } } });
    try {
      // Successes do not use up the budget.
      for (let i = 0; i < 5; i++) {
        const ok = new RawClient(guarded.url);
        await ok.authenticate('main', SECRET, `okVIEW${i}`);
        await ok.next('welcome');
        ok.ws.close();
      }
      for (let i = 0; i < 3; i++) {
        const guess = new RawClient(guarded.url);
        expect(await guess.authenticate('main', `guess ${i}`, `guessVIEW${i}`)).toBe(false);
        expect((await guess.closed).code).toBe(CloseCode.Unauthorized);
      }
      const late = new RawClient(guarded.url);
      await late.opened();
      late.hello('main', SECRET, 'lateVIEW');
      await expectClosed(late, CloseCode.RateLimited, /too many wrong attempts/);
      expect(late.received).toEqual([]);
    } finally {
      await guarded.reflector.close();
    }
  });

  it('an eavesdropper sees no board content and no names: every frame after the hello is sealed, and the hello says only which board', async () => {
    const c = new RawClient(host.url);
    const raw: Buffer[] = [];
    const sent: Buffer[] = [];
    c.ws.on('message', (data: Buffer) => raw.push(data));
    const send = c.ws.send.bind(c.ws);
    c.ws.send = ((data: Uint8Array) => (sent.push(Buffer.from(data)), send(data))) as typeof c.ws.send;
    await c.authenticate('main', SECRET, 'rawVIEWa');
    await c.next('welcome');
    healthy.publish('board', 'add', { key: 'secret-label-xyz', label: 'secret-label-xyz', by: 'H' });
    const label = Buffer.from('secret-label-xyz');
    const holdsLabel = (m: (typeof c.received)[number]) => m.t === 'events' && m.events.some((e) => e[5] instanceof Uint8Array && Buffer.from(e[5]).includes(label));
    // The raw client opened the frames with the agreed keys and finds the label in them...
    await until(() => c.received.some(holdsLabel), 'the event at the raw client');
    // ...while on the wire, after the challenge, neither it nor anyone's name appears.
    const wire = Buffer.concat(raw.slice(1));
    expect(wire.includes(label)).toBe(false);
    expect(wire.includes(Buffer.from('Healthy'))).toBe(false);
    // Nor does the client's side, from its hello on, say who it is: its view id and name go sealed.
    const outgoing = Buffer.concat(sent);
    expect(outgoing.includes(Buffer.from('rawVIEWa'))).toBe(false);
    expect(outgoing.includes(Buffer.from('raw client'))).toBe(false);
    c.ws.close();
  });
});

/**
 * The board's broadcast key: every participant gets what is for everyone sealed once with it, and when
 * somebody leaves the others move to a fresh key, so frames the one who left might still overhear on the
 * network do not open for them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FrameCipher } from '../../src/shared/frame-cipher';
import { EventKind, type ServerMsg, type WelcomeMsg } from '../../src/shared/protocol';
import { SECRET, startHost, until } from '../support/host';
import { RawClient } from '../support/raw-client';

let host: Awaited<ReturnType<typeof startHost>>;

beforeAll(async () => {
  host = await startHost({ boards: ['keys'], policy: { tickMs: 50 } });
});

afterAll(async () => {
  await host.reflector.close();
});

async function participant(viewId: string): Promise<{ client: RawClient; raw: Uint8Array[]; welcome: WelcomeMsg }> {
  const client = new RawClient(host.url);
  const raw: Uint8Array[] = [];
  client.ws.on('message', (data: Buffer) => raw.push(new Uint8Array(data)));
  expect(await client.authenticate('keys', SECRET, viewId)).toBe(true);
  const welcome = (await client.next('welcome')) as WelcomeMsg;
  return { client, raw, welcome };
}

const hasExitOf = (viewId: string) => (m: ServerMsg) => m.t === 'events' && m.events.some((e) => e[2] === EventKind.Exit && e[3] === viewId);

describe('the broadcast key', () => {
  it('is the same for everyone at once, and changes for those who stay when someone leaves', async () => {
    const a = await participant('keysAAAA');
    const b = await participant('keysBBBB');
    const leaver = await participant('keysCCCC');
    expect(b.welcome.broadcast.key).toEqual(a.welcome.broadcast.key);
    expect(leaver.welcome.broadcast.key).toEqual(a.welcome.broadcast.key);

    leaver.client.ws.close();
    await until(() => a.client.received.some(hasExitOf('keysCCCC')) && b.client.received.some(hasExitOf('keysCCCC')), 'the exit to reach those who stay');
    const rekeyA = a.client.received.find((m) => m.t === 'rekey');
    const rekeyB = b.client.received.find((m) => m.t === 'rekey');
    expect(rekeyA).toBeDefined();
    expect(rekeyB).toEqual(rekeyA);
    if (rekeyA?.t !== 'rekey') return;
    expect(rekeyA.key).not.toEqual(leaver.welcome.broadcast.key);

    // The exit broadcast, as it went over the network to A: it opens with the new key, and with the old
    // one at no frame number the leaver could have reached.
    expect(a.raw.length).toBe(a.client.received.length); // every frame opened: they line up
    const bytes = a.raw[a.client.received.findIndex(hasExitOf('keysCCCC'))]!;
    expect(new FrameCipher(rekeyA.key).open(bytes.subarray(1))).toBeInstanceOf(Uint8Array);
    for (let n = 0; n < 200; n++) expect(() => new FrameCipher(leaver.welcome.broadcast.key, undefined, n).open(bytes.subarray(1))).toThrow();

    a.client.ws.close();
    b.client.ws.close();
  });
});

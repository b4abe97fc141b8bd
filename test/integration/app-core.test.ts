/**
 * The app core's join flow, with what a person is told each time it cannot go on: not a code, nobody
 * on the network answers to it, a host of another protocol version, an address that does not answer.
 * And the happy path: a board shared by one core is found by code from another and joined.
 */
import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { AppCore, AppError } from '../../src/main/app/app-core';
import { createHandlers } from '../../src/main/app/handlers';
import { decodeDiscovery, encodeDiscovery } from '../../src/main/lan/discovery-message';
import { BoardModel } from '../../src/renderer/board/board-model';
import { Session } from '../../src/renderer/session/session';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import { tempDataDir } from '../support/host';
import { wsFactory, zlibCompressor } from '../support/node-platform';

const cleanup: (() => unknown)[] = [];

async function until(check: () => Promise<boolean>, what: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

let nextPort = 44000 + (process.pid % 500) * 2;

async function core(discoveryPort: number): Promise<AppCore> {
  const app = await AppCore.start({ dataDir: tempDataDir(), webDir: null, version: '0.0.0', platform: 'test', discoveryPort });
  cleanup.push(() => app.close());
  return app;
}

describe('joining by code through the app core', () => {
  it('finds a board another app shares, by code alone, and joins it', async () => {
    const port = nextPort++;
    const host = await core(port);
    const guest = await core(port);
    const board = host.library.create('Team board');
    const share = await host.startSharing(board.id);
    const target = await guest.joinByCode({ code: share.code.toLowerCase() });
    expect(target).toMatchObject({ name: 'Team board', url: expect.stringMatching(new RegExp(`:${share.port}/$`)) });
    const session = await Session.join({ ...target, user: { name: 'Bo', color: '#1971c2' }, model: BoardModel, webSocket: wsFactory, compressor: zlibCompressor });
    cleanup.push(() => session.leave());
    expect(session.status).toBe('connected');
  });

  it('says a replaced or stopped code has ended, not that nobody has it', async () => {
    const port = nextPort++;
    const host = await core(port);
    const guest = await core(port);
    const board = host.library.create('Team board');
    const first = await host.startSharing(board.id);
    const second = host.newInviteCode(board.id);
    await expect(guest.joinByCode({ code: first.code })).rejects.toThrow(/This code has ended/);
    await expect(guest.joinByCode({ code: second.code })).resolves.toMatchObject({ name: 'Team board' });
    await host.stopSharing(board.id);
    await expect(guest.joinByCode({ code: second.code })).rejects.toThrow(/This code has ended/);
  });

  it('lists boards shared nearby (name, host, only the public part of the code) and drops one when sharing stops', async () => {
    const port = nextPort++;
    const host = await core(port);
    const guest = await core(port);
    await guest.nearbySessions(); // starts listening
    const share = await host.startSharing(host.library.create('Standup').id);
    await until(async () => (await guest.nearbySessions()).some((s) => s.name === 'Standup'), 'the board in the nearby list', 8000);
    const seen = (await guest.nearbySessions()).find((s) => s.name === 'Standup')!;
    expect(seen.codeStart).toBe(share.code.slice(0, 4));
    expect(JSON.stringify(seen)).not.toContain(share.code.slice(5).replace('-', ''));
    await host.stopSharing(share.board);
    await until(async () => !(await guest.nearbySessions()).some((s) => s.name === 'Standup'), 'the board gone from the list', 2000);
  });

  it('says what is wrong: not a code, nobody answers, another version', async () => {
    const port = nextPort++;
    const guest = await core(port);
    await expect(guest.joinByCode({ code: 'hello' })).rejects.toThrow(/not an invite code/);
    await expect(guest.joinByCode({ code: 'ZZZZ-ZZZZ-ZZZZ' })).rejects.toThrow(/No board with this code was found/);

    // A host of another protocol version answers discovery: the joiner is told before connecting.
    const old = dgram.createSocket({ type: 'udp4', reuseAddr: true });
    await new Promise<void>((resolve) => old.bind(port, resolve));
    old.on('message', (bytes, from) => {
      const query = decodeDiscovery(bytes);
      if (query?.type === 'query') old.send(encodeDiscovery({ lanvas: 1, type: 'announce', session: query.session, name: 'Old', host: 'old-pc', port: 40000, protocol: PROTOCOL_VERSION - 1, via: query.via }), from.port, from.address);
    });
    cleanup.push(() => old.close());
    await expect(guest.joinByCode({ code: 'K7M2-QX9P-4TRW' })).rejects.toThrow(AppError);
    await expect(guest.joinByCode({ code: 'K7M2-QX9P-4TRW' })).rejects.toThrow(/different version of Lanvas/);
  });

  it('refuses malformed arguments at the handler, before the core sees them', async () => {
    const handlers = createHandlers(await core(nextPort++), () => null);
    expect(() => handlers['library:rename']({ id: '../../etc', name: 'x' })).toThrow(/board id/);
    expect(() => handlers['lan:join']({ code: 'K7M2-QX9P-4TRW', address: 'evil.example:80' })).toThrow(/IPv4:port/);
    expect(() => handlers['board:thumbnail']({ id: 'b-1', png: 'not bytes' })).toThrow(/png/);
    expect(() => handlers['library:list']('everything')).toThrow(/object/);
    expect(() => handlers['app:info']({ sneaky: true })).toThrow(/no argument/);
  });
});

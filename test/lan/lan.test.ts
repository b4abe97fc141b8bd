/**
 * The LAN for real: separate hosts in network namespaces on one bridge. The host shares a board with
 * the headless host program; joiners on other hosts find it by invite code alone and draw; a wrong
 * code is refused and learns nothing; with multicast blocked, discovery falls back to broadcast.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../src/shared/protocol';
import { tempDataDir } from '../support/host';
import { VirtualLan, virtualLanUnavailable, watchOutput, type LanHost } from './virtual-lan';

const unavailable = virtualLanUnavailable();

const DISCOVERY_PORT = String(46000 + (process.pid % 1000));

interface JoinResult {
  found?: { address: string; port: number; via: string; name: string };
  shapes?: string[];
  error?: string;
  code?: number;
}

// Skipped, with the reason in its name, where this machine cannot build network namespaces.
describe.skipIf(unavailable !== null)(`on a LAN of separate hosts (network namespaces)${unavailable ? `: skipped, ${unavailable}` : ''}`, () => {
  let lan: VirtualLan;
  let host: LanHost;
  let code: string;

  async function join(from: LanHost, inviteCode: string, name: string): Promise<JoinResult> {
    const out = watchOutput(lan.run(from, 'test/lan/join-by-code.ts', [inviteCode, DISCOVERY_PORT, name]));
    return JSON.parse(await out.match(/RESULT (.*)\n/, 45_000)) as JoinResult;
  }

  beforeAll(async () => {
    lan = new VirtualLan();
    host = lan.addHost(1);
    lan.addHost(2);
    lan.addHost(3);
    const hostOut = watchOutput(lan.run(host, 'src/main/host/cli.ts', ['--port', '0', '--data', tempDataDir(), '--share', 'wb', '--discovery-port', DISCOVERY_PORT]));
    code = await hostOut.match(/invite code ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/);
  });

  afterAll(() => lan?.destroy());

  it('a joiner on another host finds the session by code alone, loads it and draws; the next one sees it', async () => {
    const ada = await join(lan.hosts[1]!, code, 'Ada');
    expect(ada.error).toBeUndefined();
    expect(ada.found).toMatchObject({ address: host.address, name: 'wb' });
    expect(ada.shapes).toHaveLength(1);
    const bo = await join(lan.hosts[2]!, code.toLowerCase().replaceAll('-', ' '), 'Bo');
    expect(bo.error).toBeUndefined();
    expect(bo.shapes).toHaveLength(2);
    expect(bo.shapes).toContain(ada.shapes![0]);
  });

  it('a wrong code is refused, and its holder learns nothing of the board', async () => {
    const wrong = `${code.slice(0, 5)}${code.slice(5).replace(/[0-9A-Z]/g, (c) => (c === 'Z' ? 'Y' : 'Z'))}`;
    const eve = await join(lan.hosts[2]!, wrong, 'Eve');
    expect(eve.found?.address).toBe(host.address); // the public part of a code finds the host...
    expect(eve.code).toBe(CloseCode.Unauthorized); // ...but the key agreement fails,
    expect(eve.shapes).toBeUndefined(); // and nothing of the board reached it.
    const nobody = await join(lan.hosts[2]!, 'ZZZZ-ZZZZ-ZZZZ', 'Nobody');
    expect(nobody.error).toBe('no host found');
  });

  it('with multicast blocked, discovery falls back to broadcast', async () => {
    lan.blockMulticast(lan.hosts[2]!);
    const cy = await join(lan.hosts[2]!, code, 'Cy');
    expect(cy.error).toBeUndefined();
    expect(cy.found?.via).toBe('broadcast');
    expect(cy.shapes!.length).toBeGreaterThanOrEqual(3);
  });
});

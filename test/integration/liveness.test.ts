/**
 * A path to the host that goes quiet (Wi-Fi gone, cable pulled; nothing closes) is noticed by both
 * ends in seconds: the client says "reconnecting" and keeps what is drawn meanwhile, the host drops the
 * dead peer so the others see it leave; once the path is back, the client rejoins and every replica
 * holds the same board.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BoardShare } from '../../src/main/lan/board-share';
import { parseInviteCode } from '../../src/shared/invite-code';
import { LIMITS } from '../../src/shared/protocol';
import type { Session } from '../../src/renderer/session/session';
import { CuttableProxy } from '../support/cuttable-proxy';
import { startHost, until } from '../support/host';
import { joinSession } from '../support/join';
import { Board } from '../support/test-model';

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

const keys = (s: Session<Board>) => [...s.model.items.keys()].sort();

describe('liveness over a path that goes quiet', () => {
  it('both ends notice in seconds, nothing drawn meanwhile is lost, and the replicas agree after', async () => {
    const host = await startHost();
    cleanup.push(() => host.reflector.close());
    const proxy = await CuttableProxy.start({ host: '127.0.0.1', port: host.reflector.port });
    cleanup.push(() => proxy.close());
    const owner = await joinSession(host.url, 'b', 'Owner', Board);
    const statuses: { status: string; at: number }[] = [];
    const guest = await joinSession(`ws://127.0.0.1:${proxy.port}`, 'b', 'Guest', Board, { onStatus: (status) => statuses.push({ status, at: performance.now() }) });
    cleanup.push(() => owner.leave(), () => guest.leave());
    guest.publish('board', 'add', { key: 'before', label: '', by: 'G' });
    await until(() => owner.model.items.has('before'), 'the first event at the owner');

    proxy.setCut(true);
    const cutAt = performance.now();
    for (let i = 0; i < 5; i++) guest.publish('board', 'add', { key: `during-${i}`, label: '', by: 'G' });
    owner.publish('board', 'add', { key: 'owner-during', label: '', by: 'O' });
    await until(() => guest.status === 'reconnecting', 'the guest to notice', LIMITS.silenceMs + 3000);
    const noticed = statuses.find((s) => s.status === 'reconnecting')!.at - cutAt;
    expect(noticed).toBeGreaterThanOrEqual(LIMITS.silenceMs - 1100); // it waited out real silence, not a blip
    await until(() => !owner.model.present.has(guest.viewId), 'the host to drop the dead peer', LIMITS.peerSilenceMs + LIMITS.pingMs + 3000);
    expect(guest.unacknowledged).toBe(5); // kept, to be sent when the host is back

    proxy.setCut(false);
    await until(() => guest.status === 'connected' && guest.unacknowledged === 0, 'the guest back, its events acknowledged', 15_000);
    await until(() => keys(owner).length === 7 && keys(guest).length === 7, 'every shape on both replicas');
    expect(keys(guest)).toEqual(keys(owner));
    expect([...owner.model.present.keys()].sort()).toEqual([owner.viewId, guest.viewId].sort());
  }, 40_000);

  it('stopping sharing and quitting do not wait on a guest that stopped reading', async () => {
    const host = await startHost();
    cleanup.push(() => host.reflector.close());
    const share = await BoardShare.start({ reflector: host.reflector, board: 'b', name: 'B', webDir: null, host: '127.0.0.1' });
    const proxy = await CuttableProxy.start({ host: '127.0.0.1', port: share.port });
    cleanup.push(() => proxy.close());
    const owner = await joinSession(host.url, 'b', 'Owner', Board);
    const invite = parseInviteCode(share.info.code)!;
    const guest = await joinSession(`ws://127.0.0.1:${proxy.port}`, invite.session, 'Guest', Board, { secret: invite.password });
    cleanup.push(() => owner.leave(), () => guest.leave());
    proxy.setCut(true);
    // ws alone waits 30 s for a close frame that never comes; the bound is the close grace.
    const hung = new Promise<string>((resolve) => setTimeout(() => resolve('still waiting after 10 s'), 10_000));
    expect(await Promise.race([share.stop().then(() => 'stopped'), hung])).toBe('stopped');
    expect(await Promise.race([host.reflector.close().then(() => 'closed'), hung])).toBe('closed');
  }, 40_000);
});

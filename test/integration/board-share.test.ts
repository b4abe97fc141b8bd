/**
 * Sharing a board on the LAN (here on loopback): the invite code admits to that board only; the host's
 * own connection and the joiners share one board session; a new code ends the old one; the host can
 * remove someone and stop sharing, and each of those is a clear close code at the joiner.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BoardShare } from '../../src/main/lan/board-share';
import type { BoardPolicy } from '../../src/main/reflector/board-session';
import { Session, SessionRefusedError } from '../../src/renderer/session/session';
import { parseInviteCode } from '../../src/shared/invite-code';
import { CloseCode } from '../../src/shared/protocol';
import { startHost, until } from '../support/host';
import { joinSession } from '../support/join';
import { Board } from '../support/test-model';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function setup(policy?: Partial<BoardPolicy>) {
  const host = await startHost({ boards: ['team'], policy });
  const share = await BoardShare.start({ reflector: host.reflector, board: 'team', name: 'Team', webDir: null, host: '127.0.0.1' });
  cleanup.push(() => host.reflector.close(), () => share.stop());
  const owner = await joinSession(host.url, 'team', 'Owner', Board);
  cleanup.push(async () => owner.leave());
  return { host, share, owner };
}

function joinByCode(share: BoardShare, code: string, name: string, extra: object = {}): Promise<Session<Board>> {
  const invite = parseInviteCode(code)!;
  return joinSession(`ws://127.0.0.1:${share.port}/`, invite.session, name, Board, { secret: invite.password, ...extra });
}

async function refusal(joining: Promise<unknown>): Promise<number> {
  const error = await joining.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(SessionRefusedError);
  return (error as SessionRefusedError).code;
}

describe('a board shared on the LAN', () => {
  it('admits code holders to the same board session as the host', async () => {
    const { share, owner } = await setup();
    const guest = await joinByCode(share, share.info.code, 'Guest');
    cleanup.push(async () => guest.leave());
    guest.publish('board', 'add', { key: 'from-guest', label: '', by: 'G' });
    await until(() => owner.model.items.has('from-guest'), 'the guest event at the owner');
    expect(owner.model.present.size).toBe(2);
  });

  it('a fresh board shared before its first snapshot: replicas by id and by code agree, and snapshots are stored', async () => {
    const { host, share, owner } = await setup({ snapshotEveryEvents: 5 });
    const guest = await joinByCode(share, share.info.code, 'Guest');
    cleanup.push(async () => guest.leave());
    const stored = () => host.logs.filter((l) => /snapshot stored/.test(l)).length;
    for (let round = 1; round <= 2; round++) {
      for (let i = 0; i < 6; i++) (i % 2 ? guest : owner).publish('board', 'add', { key: `k${round}-${i}`, label: '', by: 'x' });
      await until(() => stored() >= round || host.logs.some((l) => /DIVERGENCE/.test(l)), `snapshot round ${round} settled`);
    }
    expect(host.logs.filter((l) => /DIVERGENCE/.test(l))).toEqual([]);
    // A late joiner by code starts from the stored snapshot and agrees too.
    const late = await joinByCode(share, share.info.code, 'Late');
    cleanup.push(async () => late.leave());
    expect([...late.model.items.keys()].sort()).toEqual([...owner.model.items.keys()].sort());
  });

  it('admits nobody to other boards through the LAN entrance, code or not', async () => {
    const { host, share } = await setup();
    // The board id and its own secret work on loopback, never on the LAN listener.
    expect(await refusal(joinSession(`ws://127.0.0.1:${share.port}/`, 'team', 'Sneaky', Board))).toBe(CloseCode.UnknownBoard);
    expect(host.reflector.board('team')!.clients.size).toBe(1);
  });

  it('a new code ends the old one; whoever is in stays', async () => {
    const { share } = await setup();
    const oldCode = share.info.code;
    const early = await joinByCode(share, oldCode, 'Early');
    cleanup.push(async () => early.leave());
    const { code } = share.newCode();
    expect(code).not.toBe(oldCode);
    expect(await refusal(joinByCode(share, oldCode, 'Late'))).toBe(CloseCode.UnknownBoard);
    const late = await joinByCode(share, code, 'Late');
    cleanup.push(async () => late.leave());
    expect(early.status).toBe('connected');
  });

  it('the host removes a participant, and stops sharing: joiners are told why; the host stays', async () => {
    const { share, owner } = await setup();
    const statuses: string[] = [];
    const guest = await joinByCode(share, share.info.code, 'Guest', { onStatus: (_s: string, detail?: string) => statuses.push(detail ?? '') });
    const otherStatuses: string[] = [];
    const other = await joinByCode(share, share.info.code, 'Other', { onStatus: (_s: string, detail?: string) => otherStatuses.push(detail ?? '') });
    expect(share.remove(guest.viewId)).toBe(true);
    await until(() => guest.status === 'closed', 'the removed guest closed');
    expect(statuses.at(-1)).toMatch(/removed/);
    await until(() => !owner.model.present.has(guest.viewId), 'the guest gone from the model');
    await share.stop();
    await until(() => other.status === 'closed', 'the other guest closed');
    expect(otherStatuses.at(-1)).toMatch(/stopped sharing/);
    expect(owner.status).toBe('connected');
    owner.publish('board', 'add', { key: 'still-here', label: '', by: 'O' });
    await until(() => owner.model.items.has('still-here'), 'the owner still working');
  });
});

/**
 * Closing a board leaves a snapshot of its last state: a window asking for one before it leaves, and
 * the host closing while someone is still connected, both end with the board stored as it was.
 */
import { describe, expect, it } from 'vitest';
import { BoardStore } from '../../src/main/store/board-store';
import { startHost, until } from '../support/host';
import { joinSession } from '../support/join';
import { Board } from '../support/test-model';

describe('the final snapshot', () => {
  it('is stored when a window asks for it before leaving', async () => {
    const host = await startHost();
    const ada = await joinSession(host.url, 'plan', 'Ada', Board);
    for (let i = 0; i < 7; i++) ada.publish('board', 'add', { key: `k${i}`, label: '', by: 'A' });
    await until(() => ada.model.items.size === 7, 'the items');
    expect(await ada.storeSnapshot()).toBe(true);
    const board = host.reflector.board('plan')!.board;
    expect(board.snapshot!.seq).toBe(board.lastSeq);
    ada.leave();
    await host.reflector.close();
  });

  it('is stored when the host closes with someone still connected', async () => {
    const host = await startHost();
    const ada = await joinSession(host.url, 'plan', 'Ada', Board);
    for (let i = 0; i < 5; i++) ada.publish('board', 'add', { key: `k${i}`, label: '', by: 'A' });
    await until(() => ada.model.items.size === 5, 'the items');
    const lastSeen = ada.vm!.seq;
    await host.reflector.close();
    const reopened = new BoardStore(host.dataDir).open('plan');
    expect(reopened.snapshot!.seq).toBeGreaterThanOrEqual(lastSeen);
    await reopened.close();
    ada.leave();
  });
});

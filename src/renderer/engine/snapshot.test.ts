import { describe, expect, it, vi } from 'vitest';
import { Board, Item } from '../../../test/support/test-model';
import { joinEvent, stateHash, userEvent } from '../../../test/support/events';
import { bytesEqual as sameBytes } from '../../shared/bytes';
import { readSnapshot, SnapshotError, writeSnapshot } from './snapshot';
import { VirtualMachine } from './vm';

function populated(): VirtualMachine {
  const vm = VirtualMachine.create('snap-board', Board);
  let seq = 0;
  vm.processEvent(joinEvent(++seq, 10, 'viewAAAA', 'Ada'));
  for (let i = 0; i < 40; i++) vm.processEvent(userEvent(++seq, 20 + i * 7, 'viewAAAA', 'board', 'add', { key: `k${i}`, label: `item ${i}`, by: 'Ada' }));
  for (let i = 0; i < 40; i += 3) vm.processEvent(userEvent(++seq, 400 + i, 'viewAAAA', 'board', 'link', { a: `k${i}`, b: `k${(i * 7) % 40}` }));
  vm.processEvent(userEvent(++seq, 500, 'viewAAAA', 'board', 'remove', { key: 'k5' }));
  vm.processEvent(userEvent(++seq, 510, 'viewAAAA', 'board', 'tag', { tag: 'red' }));
  return vm;
}

describe('snapshots', () => {
  it('restore the whole graph without calling init()', async () => {
    const vm = populated();
    const { bytes } = await writeSnapshot(vm);
    const initSpy = vi.spyOn(Board.prototype, 'init');
    const itemInit = vi.spyOn(Item.prototype, 'init');
    const restored = readSnapshot(bytes);
    expect(initSpy).not.toHaveBeenCalled();
    expect(itemInit).not.toHaveBeenCalled();
    initSpy.mockRestore();
    itemInit.mockRestore();

    const board = restored.root as Board;
    expect(board).toBeInstanceOf(Board);
    expect(board.initCalls).toBe(1);
    expect(board.items).toBeInstanceOf(Map);
    expect(board.tags).toBeInstanceOf(Set);
    expect([...board.tags]).toEqual(['red']);
    expect([...board.items.keys()]).toEqual([...(vm.root as Board).items.keys()]);
    const k0 = board.items.get('k0')!;
    expect(k0).toBeInstanceOf(Item);
    expect(k0.points).toBeInstanceOf(Int16Array);
    expect(k0.owner).toBe(board); // a reference back to the root: a cycle
    for (const linked of k0.links) expect(linked.links).toContain(k0);
    expect(restored.models.size).toBe(vm.models.size);
    expect(sameBytes((await writeSnapshot(restored)).bytes, bytes)).toBe(true);
  });

  it('keep future() messages, which fire after restore at the same session time', async () => {
    const vm = populated();
    const restored = readSnapshot((await writeSnapshot(vm)).bytes);
    vm.advanceTo(5_000);
    restored.advanceTo(5_000);
    expect((restored.root as Board).ticks).toBe((vm.root as Board).ticks);
    expect((restored.root as Board).ticks).toBeGreaterThan(90);
    expect(await stateHash(restored)).toBe(await stateHash(vm));
  });

  it('produce the same bytes whether or not the writer paused between chunks', async () => {
    const vm = VirtualMachine.create('chunky', Board);
    for (let i = 0; i < 1000; i++) vm.processEvent(userEvent(i + 1, i, 'viewAAAA', 'board', 'add', { key: `k${i}`, label: 'x', by: 'A' }));
    let pauses = 0;
    const { bytes: paused } = await writeSnapshot(vm, () => {
      pauses++;
      return new Promise((r) => setTimeout(r, 0));
    });
    expect(pauses).toBeGreaterThan(2);
    expect(sameBytes(paused, (await writeSnapshot(vm)).bytes)).toBe(true);
  });

  it('reject damaged bytes with a SnapshotError', async () => {
    const { bytes } = await writeSnapshot(populated());
    expect(() => readSnapshot(bytes.subarray(0, bytes.length >> 1))).toThrow(SnapshotError);
    expect(() => readSnapshot(new Uint8Array([1, 2, 3]))).toThrow(SnapshotError);
  });

  it('write a reference to a destroyed model as null', async () => {
    const vm = populated();
    const board = vm.root as Board;
    const k1 = board.items.get('k1')!;
    const k2 = board.items.get('k2')!;
    k1.links = [k2];
    vm.processEvent(userEvent(vm.seq + 1, 600, 'viewAAAA', 'board', 'remove', { key: 'k2' }));
    k1.links = [k2]; // a model that kept a stale reference
    const restored = readSnapshot((await writeSnapshot(vm)).bytes);
    expect((restored.root as Board).items.get('k1')!.links).toEqual([null]);
  });
});

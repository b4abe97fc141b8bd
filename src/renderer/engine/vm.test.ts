import { describe, expect, it, vi } from 'vitest';
import { Board } from '../../../test/support/test-model';
import { exitEvent, joinEvent, userEvent } from '../../../test/support/events';
import { EventKind } from '../../shared/protocol';
import { FutureQueue } from './future-queue';
import { Model } from './model';
import { nextRandom, seedRandom } from './random';
import { VirtualMachine } from './vm';

describe('the virtual machine', () => {
  it('tells models who joins and leaves, and forgets everyone when the reflector reopens', () => {
    const vm = VirtualMachine.create('presence', Board);
    const board = vm.root as Board;
    vm.processEvent(joinEvent(1, 1, 'viewAAAA', 'Ada'));
    vm.processEvent(joinEvent(2, 2, 'viewBBBB', 'Bo'));
    expect([...board.present.values()]).toEqual(['Ada', 'Bo']);
    vm.processEvent(exitEvent(3, 3, 'viewAAAA'));
    expect([...board.present.values()]).toEqual(['Bo']);
    vm.processEvent([4, 4, EventKind.Presence, '', 0, []]);
    expect(board.present.size).toBe(0);
    expect(vm.views.size).toBe(0);
  });

  it('tells a handler which view sent the event, and nobody during future messages', () => {
    class Echo extends Board {
      senders: string[] = [];
      override onTag(): void {
        this.senders.push(this.sender());
        this.future(1).later();
      }
      later(): void {
        this.senders.push(`later:${this.sender()}`);
      }
    }
    Echo.register('Echo');
    const vm = VirtualMachine.create('sender', Echo);
    vm.processEvent(userEvent(1, 1, 'viewAAAA', 'board', 'tag', { tag: 'x' }));
    vm.processEvent(userEvent(2, 5, 'viewBBBB', 'board', 'tag', { tag: 'y' }));
    expect((vm.root as Echo).senders).toEqual(['viewAAAA', 'later:', 'viewBBBB']);
  });

  it('queues model events for views until the model is done', () => {
    const vm = VirtualMachine.create('queue', Board);
    vm.processEvent(userEvent(1, 5, 'viewAAAA', 'board', 'add', { key: 'a', label: 'A', by: 'x' }));
    expect(vm.viewQueue.map((e) => `${e.scope}:${e.event}`)).toEqual(['board:add', 'board:added']);
  });

  it('ignores a malformed payload and survives a throwing handler, alike on every replica', () => {
    const errors: unknown[] = [];
    const vm = VirtualMachine.create('robust', Board);
    vm.onError = (e) => errors.push(e);
    vm.processEvent([1, 1, EventKind.User, 'viewAAAA', 1, new Uint8Array([0xc1])]);
    vm.processEvent(userEvent(2, 2, 'viewAAAA', 'board', 'add', null));
    vm.processEvent(userEvent(3, 3, 'viewAAAA', 'board', 'add', { key: 'ok', label: '', by: '' }));
    expect(errors).toHaveLength(1);
    expect((vm.root as Board).seen).toEqual(['ok']);
    expect(vm.seq).toBe(3);
  });

  it('runs future messages in time order, ties in scheduling order, before a later event', () => {
    const vm = VirtualMachine.create('futures', Board);
    vm.advanceTo(49);
    expect((vm.root as Board).ticks).toBe(0);
    vm.processEvent(userEvent(1, 151, 'viewAAAA', 'board', 'tag', { tag: 't' }));
    expect((vm.root as Board).ticks).toBe(3);
    expect(vm.now()).toBe(151);
  });

  it('refuses model code outside a session, and unregistered classes', () => {
    expect(() => Board.create()).toThrow(/outside its session/);
    class Stray extends Model {}
    const vm = VirtualMachine.create('stray', Board);
    const errors: unknown[] = [];
    vm.onError = (e) => errors.push(e);
    expect(() => VirtualMachine.create('stray', Stray)).toThrow(/not registered/);
    expect(vm.models.size).toBe(1);
  });

  it('does not let view code reach the clock through model methods', () => {
    const spy = vi.spyOn(Date, 'now');
    const vm = VirtualMachine.create('clock', Board);
    vm.processEvent(userEvent(1, 10, 'viewAAAA', 'board', 'add', { key: 'a', label: '', by: '' }));
    vm.advanceTo(1000);
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });
});

describe('kernels', () => {
  it('the seeded generator is reproducible and spreads over [0, 1)', () => {
    const a = seedRandom('board-1');
    const b = seedRandom('board-1');
    const xs = Array.from({ length: 1000 }, () => nextRandom(a));
    expect(Array.from({ length: 1000 }, () => nextRandom(b))).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
    expect(nextRandom(seedRandom('board-2'))).not.toBe(xs[0]);
  });

  it('the future queue pops by time then order, and its canonical form survives a rebuild', () => {
    const q = new FutureQueue();
    const times = [50, 10, 30, 10, 99, 30, 0];
    times.forEach((time, order) => q.push({ time, order, target: 'M1', method: 'm', args: [] }));
    const rebuilt = FutureQueue.from(q.sorted());
    const drain = (queue: FutureQueue) => {
      const out: string[] = [];
      for (let m = queue.popDue(60); m; m = queue.popDue(60)) out.push(`${m.time}/${m.order}`);
      return out;
    };
    const expected = ['0/6', '10/1', '10/3', '30/2', '30/5', '50/0'];
    expect(drain(q)).toEqual(expected);
    expect(drain(rebuilt)).toEqual(expected);
    expect(q.size).toBe(1);
  });
});

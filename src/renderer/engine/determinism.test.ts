/**
 * Replicas must agree however the host's clock and Math.random behave. Each trial runs one random
 * event sequence on replicas whose clock and Math.random are made to disagree, and on one restored from
 * a snapshot midway; all must end with the same state hash. A model that read either would fail here,
 * as the impure model below shows.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Board } from '../../../test/support/test-model';
import { exitEvent, joinEvent, stateHash, testRandom, userEvent } from '../../../test/support/events';
import type { StampedEvent } from '../../shared/protocol';
import { Model } from './model';
import { readSnapshot, writeSnapshot } from './snapshot';
import { VirtualMachine } from './vm';

function scenario(seed: number, length: number): StampedEvent[] {
  const rnd = testRandom(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const views = ['viewAAAA', 'viewBBBB', 'viewCCCC'];
  const keys: string[] = [];
  const events: StampedEvent[] = [];
  let time = 0;
  for (let seq = 1; seq <= length; seq++) {
    time += Math.floor(rnd() * 120);
    const view = pick(views);
    const roll = rnd();
    if (roll < 0.08) events.push(joinEvent(seq, time, view, view.slice(4)));
    else if (roll < 0.12) events.push(exitEvent(seq, time, view));
    else if (roll < 0.55 || keys.length < 2) {
      const key = `k${seq}`;
      keys.push(key);
      events.push(userEvent(seq, time, view, 'board', 'add', { key, label: `from ${view}`, by: view }));
    } else if (roll < 0.75) events.push(userEvent(seq, time, view, 'board', 'link', { a: pick(keys), b: pick(keys) }));
    else if (roll < 0.9) events.push(userEvent(seq, time, view, 'board', 'remove', { key: pick(keys) }));
    else events.push(userEvent(seq, time, view, 'board', 'tag', { tag: pick(['red', 'blue', 'green']) }));
  }
  return events;
}

/** Makes the host's clock and Math.random say something different for this replica. */
function perturb(seed: number): void {
  const rnd = testRandom(seed * 7919 + 1);
  vi.spyOn(Math, 'random').mockImplementation(rnd);
  vi.spyOn(Date, 'now').mockImplementation(() => 1_000_000_000 + Math.floor(rnd() * 1e9));
  vi.spyOn(performance, 'now').mockImplementation(() => rnd() * 1e6);
}

async function run(Root: typeof Model, events: StampedEvent[], seed: number, restoreAt?: number): Promise<string> {
  perturb(seed);
  let vm = VirtualMachine.create('determinism', Root);
  for (const event of events) {
    vm.processEvent(event);
    if (event[0] === restoreAt) {
      vm = readSnapshot((await writeSnapshot(vm)).bytes);
      perturb(seed + 1);
    }
  }
  vm.advanceTo(events.at(-1)![1] + 1000);
  vi.restoreAllMocks();
  return stateHash(vm);
}

class ImpureBoard extends Board {
  override onAdd(data: { key: string; label: string; by: string }): void {
    super.onAdd({ ...data, label: `${data.label} at ${Date.now()} ${Math.random()}` });
  }
}
ImpureBoard.register('ImpureBoard');

describe('determinism', () => {
  afterEach(() => vi.restoreAllMocks());

  it('replicas agree whatever the clock and Math.random say, fresh or restored midway', async () => {
    for (let trial = 0; trial < 12; trial++) {
      const events = scenario(trial, 150 + trial * 10);
      const a = await run(Board, events, 1);
      const b = await run(Board, events, 2);
      const c = await run(Board, events, 3, Math.floor(events.length / 2));
      expect(b, `trial ${trial}`).toBe(a);
      expect(c, `trial ${trial}, restored midway`).toBe(a);
    }
  });

  it('catches a model that reads the clock or Math.random', async () => {
    const events = scenario(99, 60);
    expect(await run(ImpureBoard, events, 1)).not.toBe(await run(ImpureBoard, events, 2));
  });
});

/**
 * Join: from Session.join() to a ready model, with a stored snapshot of a 10k-shape board and 10k events
 * after it, over a real reflector on loopback. Baseline: inflating and decoding the same snapshot bytes.
 */
import { promisify } from 'node:util';
import { inflate } from 'node:zlib';
import { unpackMultiple } from 'msgpackr';
import { Reflector } from '../src/main/reflector/reflector';
import { BoardStore } from '../src/main/store/board-store';
import { writeSnapshot } from '../src/renderer/engine/snapshot';
import { Session } from '../src/renderer/session/session';
import { tempDataDir } from '../test/support/host';
import { wsFactory, zlibCompressor } from '../test/support/node-platform';
import { BenchBoard, buildBoard, moveEvents } from './fixture';
import { medianOf, result, type BenchResult } from './stats';

const inflateAsync = promisify(inflate);

export async function joinBenchmark(shapes: number, eventsAfter: number, runs: number): Promise<BenchResult> {
  const vm = buildBoard(shapes);
  const { bytes: raw, hash } = await writeSnapshot(vm);
  const bytes = await zlibCompressor.deflate(raw);
  const store = new BoardStore(tempDataDir());
  const board = store.open('join');
  board.append(Array.from({ length: vm.seq }, (_, i) => [i + 1, i + 1, 4, '', 0, []]));
  await board.storeSnapshot({ seq: vm.seq, time: vm.time, hash, bytes, acked: [] });
  board.append(moveEvents(eventsAfter, shapes, vm.seq + 1));
  await board.close();

  const reflector = await Reflector.start({ store, resolve: (board) => ({ board, password: 'bench' }) });
  const url = `ws://127.0.0.1:${reflector.port}`;
  const join = async () => {
    const session = await Session.join({ url, board: 'join', secret: 'bench', user: { name: 'Bench', color: '#000000' }, model: BenchBoard, webSocket: wsFactory, compressor: zlibCompressor });
    if ((session.model as BenchBoard).shapes.size !== shapes) throw new Error('join produced the wrong board');
    session.leave();
  };
  await join(); // warm-up
  const joinMs = await medianOf(runs, join);
  const decodeMs = await medianOf(runs, async () => unpackMultiple(await inflateAsync(bytes)));
  await reflector.close();
  return result(
    { name: `join: snapshot of ${shapes} shapes + ${eventsAfter} events`, value: joinMs, unit: 'ms', baselineName: 'inflate + decode of the snapshot', baseline: decodeMs, goal: '< 150 ms' },
    (r) => r.value < 150,
  );
}

/**
 * A snapshot upload is checked against what it announces before anything is stored: a small upload
 * that inflates far past its announced size (a decompression bomb) is stopped in bounded steps, one that
 * announces too much is refused with 1009 before it is assembled, and one whose bytes are not its hash is
 * refused and logged without anyone being told of a divergence (the replicas agreed).
 */
import { deflateSync } from 'node:zlib';
import { afterEach, expect, it } from 'vitest';
import { randomBytes } from '../../src/shared/bytes';
import { CloseCode, EventKind, LIMITS, type ServerMsg } from '../../src/shared/protocol';
import type { BoardSession } from '../../src/main/reflector/board-session';
import { SECRET, startHost, until } from '../support/host';
import { RawClient } from '../support/raw-client';

let host: Awaited<ReturnType<typeof startHost>> | null = null;
const raws: RawClient[] = [];

afterEach(async () => {
  for (const r of raws.splice(0)) r.ws.close();
  await host?.reflector.close();
  host = null;
});

/** A lone raw client on a fresh board, named to upload the round just asked for. */
async function namedUploader(): Promise<{ uploader: RawClient; board: BoardSession; seq: number }> {
  host = await startHost({ policy: { snapshotEveryEvents: 1_000_000, tickMs: 30 } });
  const uploader = new RawClient(host.url);
  raws.push(uploader);
  await uploader.authenticate('uploads', SECRET, 'rawUPLDR');
  await uploader.next('welcome');
  const board = host.reflector.board('uploads')!;
  board.requestSnapshot();
  let seq = 0;
  await until(() => {
    for (const m of uploader.received) {
      if (m.t !== 'events') continue;
      const marker = m.events.find((e) => e[2] === EventKind.Snapshot && e[5] === 'rawUPLDR');
      if (marker) seq = marker[0];
    }
    return seq > 0;
  }, 'the snapshot marker naming the raw client');
  return { uploader, board, seq };
}

const divergences = (client: RawClient) => client.received.filter((m: ServerMsg) => m.t === 'divergence');

it('stops inflating a bomb at its announced size, with memory to spare, and stores nothing', async () => {
  const { uploader, board, seq } = await namedUploader();
  const bomb = deflateSync(Buffer.alloc(256 * 1024 * 1024)); // ~255 KB on the wire, 256 MiB inflated
  expect(bomb.length).toBeLessThan(LIMITS.snapshotChunkBytes);
  const hash = randomBytes(32);
  const before = process.memoryUsage().arrayBuffers;
  uploader.send({ t: 'snap-hash', seq, hash });
  uploader.send({ t: 'snap-chunk', seq, hash, index: 0, count: 1, size: 1024 * 1024, bytes: bomb });
  await until(() => host!.logs.some((l) => l.includes('refused: inflates past 1048576 bytes')), 'the bomb refused');
  expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
  expect(board.board.snapshot).toBeNull();
  expect(divergences(uploader)).toHaveLength(0);
  expect(uploader.ws.readyState).toBe(uploader.ws.OPEN); // a refused upload is not a broken frame
});

it('refuses an upload whose bytes are not the state it claims, without a divergence', async () => {
  const { uploader, board, seq } = await namedUploader();
  const hash = randomBytes(32);
  const bytes = deflateSync(Buffer.from('not the board'));
  uploader.send({ t: 'snap-hash', seq, hash });
  uploader.send({ t: 'snap-chunk', seq, hash, index: 0, count: 1, size: 13, bytes });
  await until(() => host!.logs.some((l) => l.includes('refused: its bytes do not match its hash')), 'the upload refused');
  expect(board.board.snapshot).toBeNull();
  expect(divergences(uploader)).toHaveLength(0);
});

it('refuses an upload that inflates to less than it announced', async () => {
  const { uploader, seq } = await namedUploader();
  const hash = randomBytes(32);
  uploader.send({ t: 'snap-hash', seq, hash });
  uploader.send({ t: 'snap-chunk', seq, hash, index: 0, count: 1, size: 5000, bytes: deflateSync(Buffer.alloc(100)) });
  await until(() => host!.logs.some((l) => l.includes('inflates to 100 bytes, not the 5000 announced')), 'the short upload refused');
});

it('closes with 1009 an upload announcing more than the limits, before assembling it', async () => {
  const cases = [
    { count: Math.ceil(LIMITS.maxSnapshotBytes / LIMITS.snapshotChunkBytes) + 1, size: 1000 },
    { count: 1, size: LIMITS.maxSnapshotRawBytes + 1 },
  ];
  for (const announced of cases) {
    const { uploader, seq } = await namedUploader();
    const hash = randomBytes(32);
    uploader.send({ t: 'snap-chunk', seq, hash, index: 0, ...announced, bytes: new Uint8Array(10) });
    const closed = await uploader.closed;
    expect(closed.code).toBe(CloseCode.TooLarge);
    expect(closed.reason).toMatch(/snapshot upload/);
    raws.splice(0);
    await host!.reflector.close();
  }
  host = null;
});

it('closes with 1009 an upload whose chunks disagree about what they make up', async () => {
  const { uploader, seq } = await namedUploader();
  const hash = randomBytes(32);
  uploader.send({ t: 'snap-chunk', seq, hash, index: 0, count: 3, size: 3000, bytes: new Uint8Array(10) });
  uploader.send({ t: 'snap-chunk', seq, hash, index: 1, count: 3, size: 9000, bytes: new Uint8Array(10) });
  expect((await uploader.closed).code).toBe(CloseCode.TooLarge);
});

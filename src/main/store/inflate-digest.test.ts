import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflateDigest, InflateLimitError } from './inflate-digest';

describe('inflateDigest', () => {
  it('gives the hash and length of the inflated bytes', async () => {
    const raw = Buffer.alloc(300_000, 7);
    raw.write('lanvas', 1000);
    const { sha256, size } = await inflateDigest(deflateSync(raw), raw.length);
    expect(size).toBe(raw.length);
    expect(Buffer.from(sha256).equals(createHash('sha256').update(raw).digest())).toBe(true);
  });

  it('stops at the first byte past the limit, holding no more than a chunk', async () => {
    // 64 MiB of zeros deflate to ~64 KB: a small bomb. Inflating it whole would add 64 MiB of memory.
    const bomb = deflateSync(Buffer.alloc(64 * 1024 * 1024));
    const before = process.memoryUsage().arrayBuffers;
    await expect(inflateDigest(bomb, 1024 * 1024)).rejects.toBeInstanceOf(InflateLimitError);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
  });

  it('rejects bytes that are not zlib, or are cut short', async () => {
    await expect(inflateDigest(new Uint8Array([1, 2, 3, 4]), 1000)).rejects.toThrow();
    const whole = deflateSync(Buffer.alloc(100_000, 3));
    await expect(inflateDigest(whole.subarray(0, whole.length - 8), 1_000_000)).rejects.toThrow();
  });
});

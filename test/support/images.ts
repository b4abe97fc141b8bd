/** Image bytes for tests of what takes images (checkImage reads only a file's header). */

/** A PNG's signature and header (all checkImage reads), then `size` bytes of body. */
export function testPng(size: number, seed = 1): Uint8Array {
  const head = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 0, 200, 8, 6, 0, 0, 0];
  const bytes = new Uint8Array(head.length + size);
  bytes.set(head);
  for (let i = head.length; i < bytes.length; i++) bytes[i] = (i * 31 + seed) & 255;
  return bytes;
}

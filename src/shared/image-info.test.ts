import { describe, expect, it } from 'vitest';
import { checkImage, IMAGE_LIMITS } from './image-info';

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const be16 = (n: number) => [(n >>> 8) & 255, n & 255];
const text = (s: string) => new TextEncoder().encode(s);

const pngHead = (w: number, h: number) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...be32(13), ...ascii('IHDR'), ...be32(w), ...be32(h), 8, 6, 0, 0, 0]);
/** SOI, an APP0 segment, a DQT-like segment, then SOF2 (progressive) with the size. */
const jpegHead = (w: number, h: number) =>
  new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...be16(16), ...ascii('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xdb, ...be16(4), 0, 0, 0xff, 0xc2, ...be16(17), 8, ...be16(h), ...be16(w), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
const riff = (chunk: string, body: number[]) => new Uint8Array([...ascii('RIFF'), ...be32(0), ...ascii('WEBP'), ...ascii(chunk), ...be32(0), ...body]);

describe('checkImage', () => {
  it('reads the type and size from the bytes of each kind it takes', () => {
    expect(checkImage(pngHead(640, 480))).toEqual({ type: 'image/png', width: 640, height: 480 });
    expect(checkImage(jpegHead(1024, 768))).toEqual({ type: 'image/jpeg', width: 1024, height: 768 });
    // VP8X: 24-bit sizes less one, at bytes 24 and 27.
    expect(checkImage(riff('VP8X', [0, 0, 0, 0, 199, 0, 0, 99, 0, 0]))).toEqual({ type: 'image/webp', width: 200, height: 100 });
    // VP8L: 14-bit sizes less one, packed after the 0x2f signature.
    const bits = (300 - 1) | ((150 - 1) << 14);
    expect(checkImage(riff('VP8L', [0x2f, bits & 255, (bits >>> 8) & 255, (bits >>> 16) & 255, (bits >>> 24) & 255]))).toEqual({ type: 'image/webp', width: 300, height: 150 });
    // VP8 (lossy): the frame tag, the start code, then 14-bit sizes.
    expect(checkImage(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 64, 0, 32, 0]))).toEqual({ type: 'image/webp', width: 64, height: 32 });
  });

  it('sizes an SVG by its width and height, else its viewBox, else as browsers do', () => {
    expect(checkImage(text('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80px"/>'))).toEqual({ type: 'image/svg+xml', width: 120, height: 80 });
    expect(checkImage(text('\uFEFF<?xml version="1.0"?>\n<!-- made by hand -->\n<svg viewBox="0 0 400 200" xmlns="http://www.w3.org/2000/svg"></svg>'))).toEqual({ type: 'image/svg+xml', width: 400, height: 200 });
    expect(checkImage(text("<svg width='100%' viewBox='0,0,50,25'></svg>"))).toEqual({ type: 'image/svg+xml', width: 50, height: 25 });
    expect(checkImage(text('<svg width="60" viewBox="0 0 30 10"></svg>'))).toEqual({ type: 'image/svg+xml', width: 60, height: 20 });
    expect(checkImage(text('<svg></svg>'))).toEqual({ type: 'image/svg+xml', width: 300, height: 150 });
    // Vector: one larger than a board takes is shown smaller, not refused.
    expect(checkImage(text('<svg width="100000" height="50000"></svg>'))).toEqual({ type: 'image/svg+xml', width: IMAGE_LIMITS.maxSide, height: IMAGE_LIMITS.maxSide / 2 });
  });

  it('refuses what is not an image it takes, whatever it is called', () => {
    for (const bytes of [new Uint8Array(0), text('hello'), text('<html><svg></svg></html>'), new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61]), new Uint8Array([0xc3, 0x28, 0x3c, 0x73])]) {
      expect(checkImage(bytes)).toEqual({ error: expect.stringMatching(/not an image a board can show/) });
    }
  });

  it('refuses a damaged header, a DOCTYPE, and an image too large, saying which', () => {
    expect(checkImage(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 1, 2]))).toEqual({ error: expect.stringMatching(/JPEG is damaged/) });
    expect(checkImage(riff('VP8Z', [1, 2, 3]))).toEqual({ error: expect.stringMatching(/WebP image is damaged/) });
    expect(checkImage(pngHead(0, 10))).toEqual({ error: expect.stringMatching(/no size/) });
    expect(checkImage(text('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>'))).toEqual({ error: expect.stringMatching(/DOCTYPE/) });
    expect(checkImage(text('<svg><!ENTITY a "b"></svg>'))).toEqual({ error: expect.stringMatching(/entities/) });
    expect(checkImage(pngHead(IMAGE_LIMITS.maxSide + 1, 10))).toEqual({ error: expect.stringMatching(/8193×10 pixels/) });
    expect(checkImage(pngHead(8000, 8000))).toEqual({ error: expect.stringMatching(/million in all/) });
    const huge = new Uint8Array(IMAGE_LIMITS.maxBytes + 1);
    huge.set(pngHead(10, 10));
    expect(checkImage(huge)).toEqual({ error: 'This image is 4.0 MB; a board takes images up to 4 MB.' });
  });
});

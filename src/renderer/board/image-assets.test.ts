import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/protocol';
import { encodeViewEvent } from '../engine/view-events';
import { admitImage, dropUploadsOf, imageHash, imageParts, isImagePart, MAX_UPLOADS_PER_VIEW, PART_BYTES, receivePart, type Upload } from './image-assets';
import { BOARD_SCOPE } from './board-model';
import { testPng } from '../../../test/support/images';

describe('image parts', () => {
  it('splits an image into parts that each fit in one event, and puts them back together', () => {
    const png = testPng(2.5 * PART_BYTES);
    const parts = imageParts(png);
    expect(parts.map((p) => p.bytes.length)).toEqual([PART_BYTES, PART_BYTES, png.length - 2 * PART_BYTES]);
    for (const part of parts) {
      expect(isImagePart(part)).toBe(true);
      expect(encodeViewEvent(BOARD_SCOPE, 'image-part', part).length).toBeLessThanOrEqual(LIMITS.maxEventBytes);
    }
    const uploads = new Map<string, Upload>();
    expect(receivePart(uploads, 'A', parts[0]!)).toBeNull();
    expect(receivePart(uploads, 'A', parts[2]!)).toBeNull(); // out of order is fine
    const whole = receivePart(uploads, 'A', parts[1]!)!;
    expect(whole).toEqual(png);
    expect(uploads.size).toBe(0);
    expect(admitImage(whole, parts[0]!.hash)).toEqual({ type: 'image/png', width: 256, height: 200, bytes: png });
  });

  it('keeps two senders apart, and ends an upload that contradicts itself', () => {
    const parts = imageParts(testPng(PART_BYTES + 10));
    const uploads = new Map<string, Upload>();
    receivePart(uploads, 'A', parts[0]!);
    receivePart(uploads, 'B', parts[1]!);
    expect(uploads.size).toBe(2);
    expect(receivePart(uploads, 'A', parts[0]!)).toBeNull(); // the same part twice
    expect(uploads.size).toBe(1);
    expect(receivePart(uploads, 'B', { ...parts[0]!, count: 3 })).toBeNull(); // another count
    expect(uploads.size).toBe(0);
    receivePart(uploads, 'A', { ...parts[0]!, bytes: parts[0]!.bytes.subarray(0, 100) }); // a short part before the last
    expect(uploads.size).toBe(0);
  });

  it('bounds what one person may have on its way, and forgets it when they leave', () => {
    const uploads = new Map<string, Upload>();
    for (let i = 0; i <= MAX_UPLOADS_PER_VIEW; i++) receivePart(uploads, 'A', imageParts(testPng(PART_BYTES, i))[0]!);
    expect(uploads.size).toBe(MAX_UPLOADS_PER_VIEW);
    receivePart(uploads, 'B', imageParts(testPng(PART_BYTES))[0]!);
    dropUploadsOf(uploads, 'A');
    expect([...uploads.keys()]).toEqual([`B ${imageHash(testPng(PART_BYTES))}`]);
  });

  it('admits only bytes that are what their hash says and an image a board takes', () => {
    const png = testPng(10);
    expect(admitImage(png, imageHash(testPng(11)))).toBeNull();
    const text = new TextEncoder().encode('not an image');
    expect(admitImage(text, imageHash(text))).toBeNull();
    for (const bad of [null, {}, { ...imageParts(png)[0]!, hash: 'ABC' }, { ...imageParts(png)[0]!, index: 1 }, { ...imageParts(png)[0]!, bytes: new Uint8Array(PART_BYTES + 1) }, { ...imageParts(png)[0]!, bytes: [1, 2] }]) {
      expect(isImagePart(bad)).toBe(false);
    }
  });
});

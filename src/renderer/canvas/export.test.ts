import { describe, expect, it } from 'vitest';
import { DEFAULT_PROPS, type ShapeRecord } from '../board/shape';
import { encodePoints } from '../board/stroke-codec';
import { imageHash, type ImageAsset } from '../board/image-assets';
import { cloneShapes, decodeClipboard, encodeClipboard } from './clipboard';
import { shapesToSvg } from './svg-export';

const shapes: ShapeRecord[] = [
  { ...DEFAULT_PROPS, id: 'r', kind: 'rect', x: 10, y: 10, w: 100, h: 50, fill: '#ffec99', rotation: 30 },
  { ...DEFAULT_PROPS, id: 'p', kind: 'pen', x: 0, y: 0, points: encodePoints([0, 0, 40, 40, 400, 10], 0, 0), pressures: new Uint8Array([10, 120, 250]) },
  { ...DEFAULT_PROPS, id: 'a', kind: 'arrow', x: 0, y: 100, w: 80, h: 0 },
  { ...DEFAULT_PROPS, id: 't', kind: 'text', x: 0, y: 200, w: 200, h: 30, text: 'a < b & "c"\nline two' },
  { ...DEFAULT_PROPS, id: 's', kind: 'sticky', x: 300, y: 200, w: 200, h: 200, text: 'note' },
  { ...DEFAULT_PROPS, id: 'e', kind: 'ellipse', x: 500, y: 0, w: 60, h: 30 },
  { ...DEFAULT_PROPS, id: 'l', kind: 'line', x: 0, y: 0, w: -30, h: 30 },
];

/** A PNG's signature and header (all checkImage reads): 4 × 2 pixels. */
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 4, 0, 0, 0, 2, 8, 6, 0, 0, 0]);
const pngAsset: ImageAsset = { type: 'image/png', width: 4, height: 2, bytes: png };
const photo: ShapeRecord = { ...DEFAULT_PROPS, id: 'i', kind: 'image', x: 10, y: 20, w: 40, h: 20, rotation: 90, asset: imageHash(png) };

describe('svg export', () => {
  it('embeds each image whole, in its frame and turn', () => {
    const svg = shapesToSvg([photo], (t) => ({ lines: [t], width: 0 }), (hash) => (hash === photo.asset ? pngAsset : undefined));
    expect(svg).toContain(`<g transform="rotate(90 30 30)"><image x="10" y="20" width="40" height="20" preserveAspectRatio="none" href="data:image/png;base64,${Buffer.from(png).toString('base64')}"/></g>`);
    // An image the board does not hold (yet) leaves its place, not a hole in the file.
    expect(shapesToSvg([photo], (t) => ({ lines: [t], width: 0 }))).toContain('<rect x="10" y="20" width="40" height="20" fill="#e9ecef"/>');
  });

  it('draws every kind, escapes text, and frames the content', () => {
    const svg = shapesToSvg(shapes, (text) => ({ lines: text.split('\n'), width: 50 }));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    for (const tag of ['<rect', '<polygon', '<path', '<ellipse', '<text']) expect(svg).toContain(tag);
    expect(svg).toContain('a &lt; b &amp; &quot;c&quot;');
    expect(svg).toContain('rotate(30 60 35)');
    expect(svg).not.toContain('NaN');
  });

  it('draws dashed and dotted outlines with the pattern the canvas uses', () => {
    const svg = shapesToSvg(
      [
        { ...DEFAULT_PROPS, id: 'd', kind: 'rect', x: 0, y: 0, w: 10, h: 10, strokeWidth: 2, dash: 'dashed' },
        { ...DEFAULT_PROPS, id: 'o', kind: 'line', x: 0, y: 0, w: 10, h: 10, strokeWidth: 2, dash: 'dotted' },
      ],
      (text) => ({ lines: [text], width: 50 }),
    );
    expect(svg).toContain('stroke-dasharray="8 6" stroke-linecap="round"');
    expect(svg).toContain('stroke-dasharray="0 5" stroke-linecap="round"');
  });

  it('lays a semi fill down half see-through, the outline untouched', () => {
    const svg = shapesToSvg([{ ...DEFAULT_PROPS, id: 'r', kind: 'rect', x: 0, y: 0, w: 10, h: 10, fill: '#a5d8ff', fillStyle: 'semi' }], (t) => ({ lines: [t], width: 50 }));
    expect(svg).toContain('fill="#a5d8ff" fill-opacity="0.5" stroke="#1e1e1e"');
  });

  it('puts arrowheads at the ends the arrow asks for', () => {
    const heads = (h: 'end' | 'start' | 'both') => shapesToSvg([{ ...DEFAULT_PROPS, id: 'a', kind: 'arrow', x: 0, y: 0, w: 100, h: 0, heads: h }], (t) => ({ lines: [t], width: 50 })).match(/<polygon points="([^"]+)"/g)!;
    expect(heads('end')).toHaveLength(1);
    expect(heads('end')[0]).toContain('points="100,0');
    expect(heads('start')).toHaveLength(1);
    expect(heads('start')[0]).toContain('points="0,0');
    expect(heads('both')).toHaveLength(2);
  });

  it('draws a curved arrow as the quadratic through its apex, its head along the curve, and its label on a patch', () => {
    const arrow = { ...DEFAULT_PROPS, id: 'a', kind: 'arrow' as const, x: 0, y: 0, w: 100, h: 0, bend: 30, text: 'go' };
    const svg = shapesToSvg([arrow], (t) => ({ lines: [t], width: 20 }));
    expect(svg).toContain('d="M0 0Q50 -60 100 0"');
    const head = svg.match(/<polygon points="([^"]+)"/)![1]!.split(' ').map((p) => p.split(',').map(Number));
    expect(head[0]).toEqual([100, 0]);
    expect(head[1]![1]).toBeLessThan(0); // the head's barbs lean back towards the control point, above the chord
    expect(svg).toContain('<rect x="36" y="-44.5" width="28" height="29" fill="#ffffff"/>');
    expect(svg).toContain('text-anchor="middle"');
    expect(svg).toContain('>go</tspan>');
  });

  it('breaks text into the lines the layout gives, one tspan each, a line height apart', () => {
    const asked: [string, number, number, string, number | undefined][] = [];
    const svg = shapesToSvg(shapes, (text, width, fontSize, font, maxHeight) => {
      asked.push([text, width, fontSize, font, maxHeight]);
      return { lines: ['first', 'second', 'third'], width: 50 };
    });
    expect(asked).toContainEqual(['a < b & "c"\nline two', 200, 20, 'sans', undefined]);
    expect(asked).toContainEqual(['note', 176, 20, 'sans', 176]); // the note's box inside its padding, cut to fit
    const text = svg.slice(svg.indexOf('<text'), svg.indexOf('</text>'));
    expect(text.match(/<tspan/g)).toHaveLength(3);
    expect(text).toContain('<tspan x="0" y="212.5">first</tspan><tspan x="0" y="237.5">second</tspan>');
  });
});

describe('the clipboard', () => {
  it('round-trips every kind, typed arrays included', () => {
    const back = decodeClipboard(encodeClipboard(shapes))!.shapes;
    expect(back).toHaveLength(shapes.length);
    expect(back[1]!.points).toBeInstanceOf(Int16Array);
    expect(Array.from(back[1]!.points!)).toEqual(Array.from(shapes[1]!.points!));
    expect(back[1]!.pressures).toEqual(shapes[1]!.pressures);
  });

  it('carries the images its shapes show, and takes only images that are what their hash says', () => {
    const text = encodeClipboard([photo, { ...photo, id: 'j' }], (hash) => (hash === photo.asset ? pngAsset : undefined));
    const back = decodeClipboard(text)!;
    expect(back.shapes.map((s) => s.id)).toEqual(['i', 'j']);
    expect([...back.images]).toEqual([[photo.asset, pngAsset]]);
    const forged = JSON.parse(text) as { images: Record<string, string> };
    forged.images = { [photo.asset]: Buffer.from('<svg></svg>').toString('base64'), zz: 'AAAA' };
    expect(decodeClipboard(JSON.stringify(forged))!.images.size).toBe(0);
  });

  it('ignores foreign text and drops invalid records', () => {
    expect(decodeClipboard('hello')).toBeNull();
    expect(decodeClipboard('{"shapes":[]}')).toBeNull();
    const text = JSON.stringify({ 'lanvas/shapes': 1, shapes: [{ id: 'x', kind: 'rect', stroke: 'javascript:1' }, { id: 'y', kind: 'rect' }] });
    expect(decodeClipboard(text)!.shapes.map((s) => s.id)).toEqual(['y']);
  });

  it('clones with fresh ids and an offset', () => {
    let n = 0;
    const copies = cloneShapes(shapes.slice(0, 2), () => `c${++n}`, 16, 16);
    expect(copies.map((c) => [c.id, c.x, c.y])).toEqual([['c1', 26, 26], ['c2', 16, 16]]);
  });

  it('binds a copied line to the copy of its shape, and lets go of a shape left behind', () => {
    const box = { ...DEFAULT_PROPS, id: 'box', kind: 'rect' as const, w: 50, h: 50 };
    const line = { ...DEFAULT_PROPS, id: 'l', kind: 'arrow' as const, startBind: 'box', endBind: 'left-behind' };
    let n = 0;
    const copies = cloneShapes([box, line], () => `c${++n}`, 16, 16);
    expect(copies[1]).toMatchObject({ id: 'c2', startBind: 'c1', endBind: '' });
  });
});

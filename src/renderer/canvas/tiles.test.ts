import { describe, expect, it } from 'vitest';
import { MAX_STALE_PARTS, partsWithin, TILE_PX, TileSet, tileBox, tilesTouching, tileZoom } from './tiles';

describe('tiles', () => {
  const at = (zoom: number, x = 0, y = 0) => ({ zoom, x, y });

  it("cover the world in TILE_PX screen squares at each zoom, from the grid's corner", () => {
    expect(tileBox(0, 0, at(1))).toEqual({ minX: 0, minY: 0, maxX: TILE_PX, maxY: TILE_PX });
    expect(tileBox(-1, 2, at(2))).toEqual({ minX: -256, minY: 512, maxX: 0, maxY: 768 });
    expect(tileBox(1, -1, at(2, 100, -50))).toEqual({ minX: 356, minY: -306, maxX: 612, maxY: -50 });
    // A box touches every tile it overlaps, its border included.
    expect(tilesTouching({ minX: 10, minY: -10, maxX: 600, maxY: 20 }, at(1))).toEqual({ minX: 0, minY: -1, maxX: 1, maxY: 0 });
    expect(tilesTouching({ minX: 10, minY: 10, maxX: 600, maxY: 20 }, at(0.5))).toEqual({ minX: 0, minY: 0, maxX: 0, maxY: 0 });
    expect(tilesTouching({ minX: 10, minY: 10, maxX: 600, maxY: 20 }, at(1, 10, 10))).toEqual({ minX: 0, minY: 0, maxX: 1, maxY: 0 });
  });

  it("a grid started at the view's corner covers a 1280x800 view with six tiles", () => {
    const view = { minX: 333.3, minY: -71.7, maxX: 333.3 + 1280 / 0.7, maxY: -71.7 + 800 / 0.7 };
    const r = tilesTouching(view, at(0.7, view.minX, view.minY));
    expect((r.maxX - r.minX + 1) * (r.maxY - r.minY + 1)).toBe(6);
  });

  it('an edit marks stale the part of each tile its box touches, and only those tiles', () => {
    const released: string[] = [];
    const set = new TileSet<string>(at(1), 100, (t) => released.push(t));
    for (let tx = 0; tx < 4; tx++) for (let ty = 0; ty < 3; ty++) set.set(tx, ty, `${tx}/${ty}`);
    set.dirty({ minX: 500, minY: 100, maxX: 530, maxY: 120 }); // across the border of columns 0 and 1, in row 0
    expect(set.staleIn(0, 0)).toEqual([{ minX: 500, minY: 100, maxX: 512, maxY: 120 }]);
    expect(set.staleIn(1, 0)).toEqual([{ minX: 512, minY: 100, maxX: 530, maxY: 120 }]);
    expect(set.staleIn(0, 1)).toBeNull();
    expect(released).toEqual([]);
    // A second edit in the same tile adds its own part (what lies between stays as drawn); one inside a part adds nothing.
    set.dirty({ minX: 10, minY: 10, maxX: 20, maxY: 20 });
    set.dirty({ minX: 501, minY: 101, maxX: 502, maxY: 102 });
    expect(set.staleIn(0, 0)).toEqual([
      { minX: 500, minY: 100, maxX: 512, maxY: 120 },
      { minX: 10, minY: 10, maxX: 20, maxY: 20 },
    ]);
    set.mended(0, 0);
    expect(set.staleIn(0, 0)).toBeNull();
    // A box larger than what is held is matched tile by tile, with the same answer.
    set.dirty({ minX: -1e6, minY: 1400, maxX: 1e6, maxY: 1e6 });
    expect(set.staleIn(3, 2)).toEqual([{ minX: 1536, minY: 1400, maxX: 2048, maxY: 1536 }]);
    expect(set.staleIn(3, 1)).toBeNull();
    expect(released).toEqual([]);
  });

  it('lists the held tiles a box touches, to paint over them', () => {
    const set = new TileSet<string>(at(1), 100);
    set.set(0, 0, 'a');
    set.set(1, 0, 'b');
    set.set(5, 5, 'far');
    expect(set.touching({ minX: 500, minY: 10, maxX: 600, maxY: 700 })).toEqual([
      [0, 0, 'a'],
      [1, 0, 'b'],
    ]);
    expect(set.touching({ minX: -1e6, minY: -1e6, maxX: 1e6, maxY: 100 }).map(([, , t]) => t)).toEqual(['a', 'b']);
  });

  const quartersOf = (tx: number, ty: number, side = TILE_PX) => {
    const [x, y, h] = [tx * side, ty * side, side / 2];
    return [
      { minX: x, minY: y, maxX: x + h, maxY: y + h },
      { minX: x + h, minY: y, maxX: x + side, maxY: y + h },
      { minX: x, minY: y + h, maxX: x + h, maxY: y + side },
      { minX: x + h, minY: y + h, maxX: x + side, maxY: y + side },
    ];
  };

  it('takes a tile mostly stale as stale all over, in quarters, keeping it to show until they are painted', () => {
    const released: string[] = [];
    const set = new TileSet<string>(at(1), 100, (t) => released.push(t));
    set.set(0, 0, 'a');
    set.dirty({ minX: 0, minY: 0, maxX: 512, maxY: 200 }); // 39 % of it: mended later
    set.dirty({ minX: 0, minY: 300, maxX: 10, maxY: 310 }); // a small part more: still mended
    expect(set.staleIn(0, 0)).toHaveLength(2);
    set.dirty({ minX: 0, minY: 330, maxX: 512, maxY: 450 }); // together, 63 %
    expect(set.staleIn(0, 0)).toEqual(quartersOf(0, 0));
    expect(set.has(0, 0)).toBe(true);
    expect(released).toEqual([]);
    // A part within a quarter adds nothing; painting two quarters leaves the other two.
    set.dirty({ minX: 10, minY: 10, maxX: 20, maxY: 20 });
    const quarters = set.staleIn(0, 0)!;
    expect(quarters).toHaveLength(4);
    set.mended(0, 0, quarters.slice(0, 2));
    expect(set.staleIn(0, 0)).toEqual(quartersOf(0, 0).slice(2));
    set.mended(0, 0, set.staleIn(0, 0)!);
    expect(set.staleIn(0, 0)).toBeNull();
  });

  it('takes many stale parts as one box around them, and the tile as stale all over when they cover most of it', () => {
    const set = new TileSet<string>(at(1), 100);
    set.set(0, 0, 'a');
    set.set(1, 0, 'b');
    for (let i = 0; i < MAX_STALE_PARTS; i++) set.dirty({ minX: 4 + i * 2, minY: 4, maxX: 5 + i * 2, maxY: 5 });
    expect(set.staleIn(0, 0)).toHaveLength(MAX_STALE_PARTS);
    set.dirty({ minX: 300, minY: 300, maxX: 301, maxY: 301 });
    expect(set.staleIn(0, 0)).toEqual([{ minX: 4, minY: 4, maxX: 301, maxY: 301 }]);
    // Parts apart that add up to more than the limit: drawn whole.
    for (let i = 0; i < 6; i++) set.dirty({ minX: 512 + i * 80, minY: 0, maxX: 512 + i * 80 + 70, maxY: 512 });
    expect(set.staleIn(1, 0)).toEqual(quartersOf(1, 0));
  });

  it('says whether a box is stale anywhere in the held tiles', () => {
    const set = new TileSet<string>(at(1), 100);
    set.set(0, 0, 'a');
    set.set(1, 0, 'b');
    set.dirty({ minX: 600, minY: 10, maxX: 620, maxY: 30 });
    expect(set.staleAt({ minX: 610, minY: 0, maxX: 700, maxY: 12 })).toBe(true);
    expect(set.staleAt({ minX: 621, minY: 0, maxX: 700, maxY: 12 })).toBe(false); // the same tile, apart from the part
    expect(set.staleAt({ minX: 0, minY: 0, maxX: 511, maxY: 511 })).toBe(false);
    expect(set.staleAt({ minX: 600, minY: 600, maxX: 620, maxY: 620 })).toBe(false); // no tile held there
  });

  it('paints within a frame the stale parts that fit its budget, the first whatever its size', () => {
    const part = (w: number) => ({ minX: 0, minY: 0, maxX: w, maxY: 10 });
    const stale = [part(30), part(50), part(10)];
    expect(partsWithin(stale, 1000)).toEqual(stale);
    expect(partsWithin(stale, 800)).toEqual(stale.slice(0, 2));
    expect(partsWithin(stale, 400)).toEqual(stale.slice(0, 1));
    expect(partsWithin(stale, 1)).toEqual(stale.slice(0, 1));
    // A whole tile stale, at half a tile a frame: painted in two frames.
    const quarters = quartersOf(0, 0);
    expect(partsWithin(quarters, 0.5 * TILE_PX ** 2)).toEqual(quarters.slice(0, 2));
  });

  it('keeps at most its capacity, letting the least recently used go', () => {
    const released: string[] = [];
    const set = new TileSet<string>(at(1), 3, (t) => released.push(t));
    set.set(0, 0, 'a');
    set.set(1, 0, 'b');
    set.set(2, 0, 'c');
    set.get(0, 0); // used: kept
    set.set(3, 0, 'd');
    expect(released).toEqual(['b']);
    set.set(3, 0, 'e'); // redrawn in place: the old one goes
    expect(released).toEqual(['b', 'd']);
    set.clear();
    expect(released.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('are drawn at the current zoom once it settles; while it changes, the held set is shown unless too far off', () => {
    expect(tileZoom(1.3, null, false)).toBe(1.3); // nothing held
    expect(tileZoom(1.3, 1, false)).toBe(1); // zooming: the held set, scaled
    expect(tileZoom(1.3, 1, true)).toBe(1.3); // settled: redrawn crisp
    expect(tileZoom(2.5, 1, false)).toBe(2.5); // too soft scaled up
    expect(tileZoom(0.4, 1, false)).toBe(0.4); // too coarse scaled down
  });
});

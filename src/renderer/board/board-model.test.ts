import { describe, expect, it } from 'vitest';
import { exitEvent, joinEvent, stateHash, testRandom, userEvent } from '../../../test/support/events';
import { readSnapshot, writeSnapshot } from '../engine/snapshot';
import { VirtualMachine } from '../engine/vm';
import { BIND_GAP } from './binding';
import { BoardModel, type ShapesChanged } from './board-model';
import { encodePoints } from './stroke-codec';
import { imageHash, imageParts } from './image-assets';
import { IMAGE_LIMITS } from '../../shared/image-info';
import { testPng } from '../../../test/support/images';

const A = 'viewAAAA';
const B = 'viewBBBB';

function board() {
  const vm = VirtualMachine.create('board-test', BoardModel);
  let seq = 0;
  const send = (view: string, event: string, data: unknown) => vm.processEvent(userEvent(++seq, seq * 10, view, 'board', event, data));
  const model = vm.root as BoardModel;
  const notes = () => vm.viewQueue.filter((e) => e.event === 'shapes').map((e) => e.data as ShapesChanged);
  return { vm, model, send, notes };
}

const rect = (id: string, extra: object = {}) => ({ id, kind: 'rect', x: 0, y: 0, w: 100, h: 50, ...extra });

describe('the board model', () => {
  it('creates, changes, reorders and deletes shapes, telling the views each time', () => {
    const { model, send, notes } = board();
    send(A, 'create', { shapes: [rect('r1'), rect('r2', { fill: '#ffec99' }), { id: 'p1', kind: 'pen', x: 5, y: 5, points: encodePoints([5, 5, 9, 12], 5, 5) }] });
    expect(model.order).toEqual(['r1', 'r2', 'p1']);
    expect(model.shapes.get('r2')!.fill).toBe('#ffec99');
    send(B, 'update', { changes: [{ id: 'r1', props: { x: 40, stroke: '#e03131' } }] });
    expect(model.shapes.get('r1')!).toMatchObject({ x: 40, stroke: '#e03131', editedBy: B, version: 1 });
    send(A, 'reorder', { ids: ['r1'], to: 'front' });
    expect(model.order).toEqual(['r2', 'p1', 'r1']);
    send(A, 'reorder', { ids: ['r1'], to: 'backward' });
    expect(model.order).toEqual(['r2', 'r1', 'p1']);
    send(B, 'delete', { ids: ['r2', 'p1'] });
    expect(model.order).toEqual(['r1']);
    expect(model.shapes.size).toBe(1);
    expect(notes()).toEqual([
      { added: ['r1', 'r2', 'p1'], changed: [], removed: [], reordered: false },
      { added: [], changed: ['r1'], removed: [], reordered: false },
      { added: [], changed: [], removed: [], reordered: true },
      { added: [], changed: [], removed: [], reordered: true },
      { added: [], changed: [], removed: ['r2', 'p1'], reordered: false },
    ]);
  });

  it('undoes and redoes an operation sent in parts as one, in its order, and keeps the parts of others apart', () => {
    const { model, send } = board();
    send(A, 'create', { shapes: ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => rect(id)) });
    // A deletes four shapes in three parts, while B creates a shape between A's parts.
    send(A, 'delete', { ids: ['b'], more: true });
    send(B, 'create', { shapes: [rect('x')] });
    send(A, 'delete', { ids: ['d', 'a'], more: true });
    send(A, 'delete', { ids: ['f'] });
    expect(model.order).toEqual(['c', 'e', 'x']);
    send(A, 'undo', {});
    expect(model.order).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'x']); // all four back, each where it was
    send(A, 'redo', {});
    expect(model.order).toEqual(['c', 'e', 'x']);
    send(A, 'undo', {});
    send(A, 'undo', {}); // the creation before the parts: a separate operation
    expect(model.order).toEqual(['x']);
    // The next operation after the last part stands alone.
    send(A, 'create', { shapes: [rect('y')] });
    send(A, 'create', { shapes: [rect('z')] });
    send(A, 'undo', {});
    expect(model.order).toEqual(['x', 'y']);
  });

  it("changes a participant's name and colour when they say so, and only theirs", () => {
    const { vm, model, send } = board();
    let seq = 100;
    vm.processEvent(joinEvent(++seq, seq * 10, A, 'Ana'));
    send(A, 'identity', { name: '  Ana B  ', color: '#1971c2' });
    expect(model.participants.get(A)).toEqual({ name: 'Ana B', color: '#1971c2' });
    for (const bad of [{ name: '', color: '#1971c2' }, { name: 'x', color: 'red' }, { name: 'x'.repeat(65), color: '#1971c2' }, null]) send(A, 'identity', bad);
    expect(model.participants.get(A)).toEqual({ name: 'Ana B', color: '#1971c2' });
    send(B, 'identity', { name: 'Not here', color: '#2f9e44' }); // B never joined
    expect(model.participants.has(B)).toBe(false);
  });

  it('refuses malformed operations whole, on every replica alike', () => {
    const { model, send, vm } = board();
    send(A, 'create', { shapes: [rect('ok')] });
    const before = model.order.join();
    for (const bad of [
      { shapes: [rect('ok')] }, // id in use
      { shapes: [rect('a'), rect('a')] }, // duplicate in one event
      { shapes: [{ id: 'x', kind: 'star' }] },
      { shapes: [rect('x', { x: Number.NaN })] },
      { shapes: [rect('x', { stroke: 'red; background:url(x)' })] },
      { shapes: [{ id: 'x', kind: 'pen' }] }, // a pen with no points
      { shapes: [rect('../x')] },
      { shapes: [] },
      null,
      'garbage',
    ]) {
      send(A, 'create', bad);
    }
    send(A, 'update', { changes: [{ id: 'ok', props: { opacity: 7 } }] });
    send(A, 'update', { changes: [{ id: 'ok', props: { kind: 'ellipse' } }] });
    send(A, 'reorder', { ids: ['ok'], to: 'sideways' });
    expect(model.order.join()).toBe(before);
    expect(model.shapes.get('ok')!).toMatchObject({ kind: 'rect', opacity: 1, version: 0 });
    expect(vm.models.size).toBe(2);
  });

  it('lets each person undo only their own actions', () => {
    const { model, send } = board();
    send(A, 'create', { shapes: [rect('a1')] });
    send(B, 'create', { shapes: [rect('b1')] });
    send(A, 'undo', {});
    expect(model.order).toEqual(['b1']);
    send(A, 'redo', {});
    expect(model.order).toEqual(['a1', 'b1']); // back at its old depth
    send(B, 'undo', {});
    expect(model.order).toEqual(['a1']);
  });

  it('keeps what someone else changed since, property by property', () => {
    const { model, send } = board();
    send(A, 'create', { shapes: [rect('r', { x: 0, y: 0, fill: '#ffffff' })] });
    send(A, 'update', { changes: [{ id: 'r', props: { x: 100, y: 100, fill: '#e03131' } }] });
    send(B, 'update', { changes: [{ id: 'r', props: { y: 555, fill: '#1971c2' } }] });
    send(A, 'undo', {});
    expect(model.shapes.get('r')!).toMatchObject({ x: 0, y: 555, fill: '#1971c2' });
    send(A, 'redo', {});
    expect(model.shapes.get('r')!).toMatchObject({ x: 100, y: 555 });
  });

  it('does not throw away a shape someone else has worked on when its creator undoes', () => {
    const { model, send } = board();
    send(A, 'create', { shapes: [rect('r')] });
    send(B, 'update', { changes: [{ id: 'r', props: { text: 'mine now' } }] });
    send(A, 'undo', {});
    expect(model.shapes.has('r')).toBe(true);
  });

  it('brings deleted shapes back at their old depth, and reorders back', () => {
    const { model, send } = board();
    send(A, 'create', { shapes: ['s1', 's2', 's3', 's4'].map((id) => rect(id)) });
    send(A, 'delete', { ids: ['s3', 's1'] });
    send(B, 'create', { shapes: [rect('b')] });
    send(A, 'undo', {});
    expect(model.order).toEqual(['s1', 's2', 's3', 's4', 'b']);
    send(A, 'reorder', { ids: ['s1', 's2'], to: 'front' });
    expect(model.order).toEqual(['s3', 's4', 'b', 's1', 's2']);
    send(A, 'undo', {});
    expect(model.order).toEqual(['s1', 's2', 's3', 's4', 'b']);
  });

  it('forgets the history of people who left, and survives a snapshot with everything else', async () => {
    const { vm, model, send } = board();
    vm.processEvent(joinEvent(vm.seq + 1, 1, A, 'Ada'));
    send(A, 'create', { shapes: [rect('r'), { id: 'p', kind: 'pen', x: 1, y: 1, points: encodePoints([1, 1, 300, 2], 1, 1), pressures: new Uint8Array([10, 200]) }] });
    send(A, 'update', { changes: [{ id: 'r', props: { w: 10 } }] });
    const restored = readSnapshot((await writeSnapshot(vm)).bytes);
    const copy = restored.root as BoardModel;
    expect(copy.shapes.get('p')!.points).toBeInstanceOf(Int16Array);
    expect(copy.history.get(A)!.undo).toHaveLength(2);
    expect(await stateHash(restored)).toBe(await stateHash(vm));
    vm.processEvent(exitEvent(vm.seq + 1, 999, A));
    expect(model.history.has(A)).toBe(false);
  });

  it('replicas agree under random operations from several people, restored midway or not', async () => {
    for (let trial = 0; trial < 6; trial++) {
      const rnd = testRandom(trial + 100);
      const ops: [string, string, unknown][] = [];
      let n = 0;
      const ids: string[] = [];
      for (let i = 0; i < 200; i++) {
        const view = [A, B, 'viewCCCC'][Math.floor(rnd() * 3)]!;
        const pick = () => ids[Math.floor(rnd() * ids.length)] ?? 'none';
        const r = rnd();
        if (r < 0.35 || ids.length === 0) {
          const id = `s${n++}`;
          ids.push(id);
          const shape = rnd() < 0.3 ? { id, kind: 'arrow', x: 0, y: 0, w: 10, h: 10, startBind: pick(), endBind: rnd() < 0.5 ? pick() : '' } : rect(id, { x: Math.floor(rnd() * 500) });
          ops.push([view, 'create', { shapes: [shape] }]);
        } else if (r < 0.6) ops.push([view, 'update', { changes: [{ id: pick(), props: { x: Math.floor(rnd() * 500), fill: rnd() < 0.5 ? '#e03131' : 'transparent' } }] }]);
        else if (r < 0.7) ops.push([view, 'delete', { ids: [pick()] }]);
        else if (r < 0.8) ops.push([view, 'reorder', { ids: [pick(), pick()], to: ['front', 'back', 'forward', 'backward'][Math.floor(rnd() * 4)] }]);
        else if (r < 0.92) ops.push([view, 'undo', {}]);
        else ops.push([view, 'redo', {}]);
      }
      const run = async (restoreAt: number) => {
        let vm = VirtualMachine.create('agree', BoardModel);
        for (let i = 0; i < ops.length; i++) {
          const [view, event, data] = ops[i]!;
          vm.processEvent(userEvent(i + 1, i, view, 'board', event, data));
          if (i === restoreAt) vm = readSnapshot((await writeSnapshot(vm)).bytes);
        }
        return stateHash(vm);
      };
      expect(await run(-1)).toBe(await run(97));
    }
  });

  it('reads a board saved before newer properties existed with their defaults, every replica alike', async () => {
    const { vm, model, send } = board();
    send(A, 'create', { shapes: [rect('r1'), { id: 'a1', kind: 'arrow', x: 0, y: 0, w: 10, h: 10 }] });
    // As an older version saved them: no binds, no bend, no index of bound lines.
    for (const shape of model.shapes.values()) for (const key of ['startBind', 'endBind', 'bend', 'dash', 'font'] as const) delete (shape as Partial<typeof shape>)[key];
    delete (model as Partial<BoardModel>).bound;
    const bytes = (await writeSnapshot(vm)).bytes;
    const [one, two] = [readSnapshot(bytes), readSnapshot(bytes)];
    const restored = one.root as BoardModel;
    expect(restored.shapes.get('a1')!).toMatchObject({ startBind: '', endBind: '', bend: 0, dash: 'solid', font: 'sans' });
    expect(restored.bound).toBeInstanceOf(Map);
    expect(restored.bound).not.toBe((two.root as BoardModel).bound);
    expect(await stateHash(one)).toBe(await stateHash(two));
    one.processEvent(userEvent(99, 990, A, 'board', 'update', { changes: [{ id: 'a1', props: { endBind: 'r1' } }] }));
    expect(restored.bound.get('r1')).toEqual(new Set(['a1']));
  });

  it('refuses every change to a locked shape but unlocking, whoever asks, undo included', () => {
    const { model, send } = board();
    send(A, 'create', { shapes: [rect('r1'), rect('r2')] });
    send(A, 'update', { changes: [{ id: 'r1', props: { x: 50 } }] });
    send(B, 'update', { changes: [{ id: 'r1', props: { locked: true, x: 70 } }] });
    expect(model.shapes.get('r1')!).toMatchObject({ locked: true, x: 70 });
    for (const [view, event, data] of [
      [A, 'update', { changes: [{ id: 'r1', props: { x: 999, fill: '#e03131' } }] }],
      [A, 'delete', { ids: ['r1'] }],
      [A, 'reorder', { ids: ['r1'], to: 'front' }],
      [A, 'undo', {}], // A's move
      [A, 'undo', {}], // A's creation
    ] as const) send(view, event, data);
    expect(model.order).toEqual(['r1']); // undoing the creation took r2, which was not locked
    expect(model.shapes.get('r1')!).toMatchObject({ locked: true, x: 70, fill: 'transparent' });
    send(A, 'update', { changes: [{ id: 'r1', props: { locked: false } }] });
    send(A, 'update', { changes: [{ id: 'r1', props: { x: 5 } }] });
    expect(model.shapes.get('r1')!.x).toBe(5);
    send(A, 'update', { changes: [{ id: 'r1', props: { group: 'g1' } }, { id: 'r2', props: { group: 'not valid!' } }] });
    expect(model.shapes.get('r1')!.group).toBe('g1');
  });

  it('writes the same bytes for a live and a restored replica after a property left at its default changes', async () => {
    const { vm, send } = board();
    send(A, 'create', { shapes: [rect('r1'), { id: 'a1', kind: 'arrow', x: 0, y: 0, w: 10, h: 10 }] });
    const restored = readSnapshot((await writeSnapshot(vm)).bytes); // its shapes gain the left-out fields last
    const change = userEvent(50, 500, A, 'board', 'update', { changes: [{ id: 'a1', props: { bend: 30, text: 'x' } }, { id: 'r1', props: { locked: true } }] });
    vm.processEvent(change);
    restored.processEvent(change);
    expect(await stateHash(restored)).toBe(await stateHash(vm));
  });

  describe('bound lines', () => {
    const arrow = (id: string, extra: object = {}) => ({ id, kind: 'arrow', x: 0, y: 0, w: 10, h: 10, ...extra });

    it('puts bound ends on their shapes and follows them when someone else moves them', () => {
      const { model, send, notes } = board();
      send(B, 'create', { shapes: [rect('box', { x: 200, y: 0, w: 100, h: 50 })] });
      send(A, 'create', { shapes: [arrow('a1', { x: 0, y: 25, w: 50, h: 0, endBind: 'box' })] });
      const a1 = model.shapes.get('a1')!;
      expect([a1.x + a1.w, a1.y + a1.h]).toEqual([200 - BIND_GAP - 1, 25]); // the box's outline is 2 wide
      send(B, 'update', { changes: [{ id: 'box', props: { y: 100 } }] });
      expect(a1.y + a1.h).toBeGreaterThan(100);
      expect(a1.x).toBe(0); // the free end stays
      expect(a1.editedBy).toBe(A); // following is nobody's edit
      expect(notes().at(-1)).toEqual({ added: [], changed: ['box', 'a1'], removed: [], reordered: false });
    });

    it('keeps a bind across the shape being deleted and brought back, and across undo of the move', () => {
      const { model, send } = board();
      send(B, 'create', { shapes: [rect('box', { x: 200, y: 0, w: 100, h: 50 })] });
      send(A, 'create', { shapes: [arrow('a1', { x: 0, y: 25, w: 50, h: 0, endBind: 'box' })] });
      const a1 = model.shapes.get('a1')!;
      const before = { x: a1.x, y: a1.y, w: a1.w, h: a1.h };
      send(B, 'update', { changes: [{ id: 'box', props: { x: 400 } }] });
      send(B, 'undo', {});
      expect({ x: a1.x, y: a1.y, w: a1.w, h: a1.h }).toEqual(before);
      send(B, 'delete', { ids: ['box'] });
      expect(model.shapes.get('a1')!.endBind).toBe('box');
      send(B, 'undo', {});
      send(B, 'update', { changes: [{ id: 'box', props: { y: 300 } }] });
      expect(a1.y + a1.h).toBeGreaterThan(250);
    });

    it('follows the new shape when an end is bound elsewhere, and none once unbound', () => {
      const { model, send } = board();
      send(A, 'create', { shapes: [rect('r1', { x: 200, y: 0 }), rect('r2', { x: 200, y: 400 }), arrow('a1', { endBind: 'r1' })] });
      send(A, 'update', { changes: [{ id: 'a1', props: { endBind: 'r2' } }] });
      expect(model.bound.has('r1')).toBe(false);
      const a1 = model.shapes.get('a1')!;
      expect(a1.y + a1.h).toBeGreaterThan(390);
      send(A, 'update', { changes: [{ id: 'a1', props: { endBind: '' } }] });
      const end = [a1.x + a1.w, a1.y + a1.h];
      send(A, 'update', { changes: [{ id: 'r2', props: { x: 900 } }] });
      expect([a1.x + a1.w, a1.y + a1.h]).toEqual(end);
      expect(model.bound.size).toBe(0);
    });

    it('ignores binds to shapes an end cannot bind to, and to ones that are not there', () => {
      const { model, send } = board();
      send(A, 'create', { shapes: [{ id: 'p1', kind: 'pen', x: 500, y: 500, points: encodePoints([500, 500, 520, 530], 500, 500) }, arrow('a1', { startBind: 'p1', endBind: 'nowhere' })] });
      expect(model.shapes.get('a1')!).toMatchObject({ x: 0, y: 0, w: 10, h: 10 });
      send(A, 'create', { shapes: [arrow('bad', { endBind: 'not an id!' })] });
      expect(model.shapes.has('bad')).toBe(false);
    });
  });

  describe('images', () => {
    const photo = (id: string, asset: string) => ({ id, kind: 'image', x: 0, y: 0, w: 256, h: 200, asset });

    it('holds an image once its parts are in, and only then takes shapes that show it', async () => {
      const { vm, model, send } = board();
      const png = testPng(100_000);
      const hash = imageHash(png);
      const parts = imageParts(png);
      send(A, 'create', { shapes: [photo('early', hash)] }); // before its image: refused
      for (const part of parts.slice(0, -1)) send(A, 'image-part', part);
      expect(model.images.size).toBe(0);
      send(A, 'image-part', parts.at(-1));
      expect(model.images.get(hash)).toMatchObject({ type: 'image/png', width: 256, height: 200 });
      expect(model.uploads.size).toBe(0);
      send(A, 'create', { shapes: [photo('a', hash), photo('b', hash)] });
      expect(model.order).toEqual(['a', 'b']);
      // Sent again (someone else pasting it), it is not held twice.
      for (const part of parts) send(B, 'image-part', part);
      expect(model.images.size).toBe(1);
      // An image shape cannot be pointed at an image the board lacks.
      send(A, 'update', { changes: [{ id: 'a', props: { asset: imageHash(testPng(5)), x: 9 } }] });
      expect(model.shapes.get('a')!).toMatchObject({ asset: hash, x: 0 });
      // Its snapshot carries the image, and the restored board is the same board.
      const restored = readSnapshot((await writeSnapshot(vm)).bytes);
      expect((restored.root as BoardModel).images.get(hash)!.bytes).toEqual(png);
      expect(await stateHash(restored)).toBe(await stateHash(vm));
    });

    it('refuses bytes that are not what their hash says, or not an image, and forgets what a leaver left half-sent', () => {
      const { vm, model, send } = board();
      const png = testPng(1000);
      send(A, 'image-part', { ...imageParts(png)[0]!, hash: imageHash(testPng(1001)) });
      const text = new TextEncoder().encode('<html>not an image</html>');
      send(A, 'image-part', imageParts(text)[0]);
      expect(model.images.size).toBe(0);
      vm.processEvent(joinEvent(vm.seq + 1, 1, B, 'Bo'));
      send(B, 'image-part', imageParts(testPng(100_000))[0]);
      expect(model.uploads.size).toBe(1);
      vm.processEvent(exitEvent(vm.seq + 1, 999, B));
      expect(model.uploads.size).toBe(0);
    });

    it("holds no more images than a board may (each is in every joiner's welcome)", () => {
      const { model, send } = board();
      const size = IMAGE_LIMITS.maxBytes - 100;
      const fits = Math.floor(IMAGE_LIMITS.maxBoardBytes / (size + 29));
      for (let i = 0; i <= fits; i++) for (const part of imageParts(testPng(size, i))) send(A, 'image-part', part);
      expect(model.images.size).toBe(fits);
    });
  });
});

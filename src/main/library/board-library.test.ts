import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHost, until } from '../../../test/support/host';
import { joinSession } from '../../../test/support/join';
import { testPng } from '../../../test/support/images';
import { Board } from '../../../test/support/test-model';
import { BoardStore } from '../store/board-store';
import { encodeBoardFile } from '../../shared/board-file';
import { BoardFileError, decodeBoardFile } from './board-file';
import { BoardLibrary, LibraryError } from './board-library';

const PNG = testPng(100);

/** A library whose board `id` holds `items` events and a snapshot, written through a real session. */
async function libraryWithBoard(items: number) {
  const host = await startHost({ policy: { snapshotEveryEvents: Math.max(5, Math.floor(items / 2)) } });
  const library = new BoardLibrary(host.store, (id) => host.reflector.board(id)?.board);
  const { id } = library.create('Quarterly plan');
  const session = await joinSession(host.url, id, 'Ada', Board);
  for (let i = 0; i < items; i++) session.publish('board', 'add', { key: `item-${i}`, label: `label ${i}`, by: 'A' });
  await until(() => session.model.items.size === items, 'every item');
  await until(() => (host.reflector.board(id)?.board.snapshot?.seq ?? 0) > 0, 'a snapshot');
  return { host, library, id, session };
}

describe('the board library', () => {
  it('creates, lists newest first, searches, renames; names are checked', async () => {
    const host = await startHost();
    const library = new BoardLibrary(new BoardStore(host.dataDir), () => undefined);
    const a = library.create('  Sprint retro ');
    await new Promise((r) => setTimeout(r, 5));
    const b = library.create('Floor plan');
    expect(a.name).toBe('Sprint retro');
    expect(library.list().map((x) => x.name)).toEqual(['Floor plan', 'Sprint retro']);
    expect(library.list('RETRO').map((x) => x.id)).toEqual([a.id]);
    expect(library.rename(b.id, 'Floor plan v2').name).toBe('Floor plan v2');
    expect(() => library.create('   ')).toThrow(LibraryError);
    expect(() => library.create('x'.repeat(81))).toThrow(LibraryError);
    expect(() => library.rename('../etc', 'x')).toThrow(LibraryError);
    expect(() => library.rename('no-such-board', 'x')).toThrow(/no such board/);
    await host.reflector.close();
  });

  it('deletes to the trash and restores from it', async () => {
    const host = await startHost();
    const library = new BoardLibrary(new BoardStore(host.dataDir), () => undefined);
    const { id } = library.create('Keep me');
    library.delete(id);
    expect(library.list()).toEqual([]);
    expect(library.trash().map((b) => b.name)).toEqual(['Keep me']);
    expect(library.restore(id).name).toBe('Keep me');
    expect(library.list().map((b) => b.id)).toEqual([id]);
    expect(library.trash()).toEqual([]);
    await host.reflector.close();
  });

  it('keeps a thumbnail only if it is a small PNG', async () => {
    const host = await startHost();
    const library = new BoardLibrary(new BoardStore(host.dataDir), () => undefined);
    const { id } = library.create('Pictures');
    expect(() => library.saveThumbnail(id, new Uint8Array([1, 2, 3]))).toThrow(LibraryError);
    expect(() => library.saveThumbnail(id, 'png')).toThrow(LibraryError);
    expect(() => library.saveThumbnail(id, PNG.subarray(0, 12))).toThrow(LibraryError); // a signature is not a picture
    library.saveThumbnail(id, PNG);
    expect(library.get(id).thumbnail).toMatch(/^data:image\/png;base64,/);
    await host.reflector.close();
  });

  it('duplicates and exports an open board with everything it holds; the import restores it', async () => {
    const { host, library, id, session } = await libraryWithBoard(40);
    const copy = await library.duplicate(id);
    expect(copy.name).toBe('Quarterly plan (copy)');
    const { fileName, bytes } = await library.exportFile(id);
    expect(fileName).toBe('Quarterly plan.lanvas');
    const file = await decodeBoardFile(bytes);
    expect(file.snapshot).not.toBeNull();
    expect(file.thumbnail).toBeUndefined(); // never drawn, so no picture
    const imported = await library.importFile(bytes);
    expect(imported.name).toBe('Quarterly plan');
    expect(imported.thumbnail).toBeNull();
    session.leave();

    // Each of the three reopens with all 40 items.
    for (const board of [id, copy.id, imported.id]) {
      const replica = await joinSession(host.url, board, 'Bo', Board);
      expect(replica.model.items.size).toBe(40);
      replica.leave();
    }
    await host.reflector.close();
  });

  it("carries the board's picture in the file, so the imported board shows it before it is opened; a file's bad picture is left out", async () => {
    const { host, library, id, session } = await libraryWithBoard(5);
    library.saveThumbnail(id, PNG);
    const { bytes } = await library.exportFile(id);
    session.leave();
    expect(new Uint8Array((await decodeBoardFile(bytes)).thumbnail!)).toEqual(PNG);
    const imported = await library.importFile(bytes);
    expect(imported.thumbnail).toBe(library.get(id).thumbnail);
    const file = await decodeBoardFile(bytes);
    const forged = encodeBoardFile({ ...file, thumbnail: new TextEncoder().encode('<svg onload="x()"/>') });
    const second = await library.importFile(forged);
    expect(second.thumbnail).toBeNull();
    expect((await joinSession(host.url, second.id, 'Bo', Board)).model.items.size).toBe(5);
    await host.reflector.close();
  });

  it('refuses a damaged or foreign file with a clear reason and writes nothing', async () => {
    const { host, library, id, session } = await libraryWithBoard(12);
    const { bytes } = await library.exportFile(id);
    session.leave();
    const before = fs.readdirSync(path.join(host.dataDir, 'boards')).sort();
    const flipped = bytes.slice();
    flipped[flipped.length - 3]! ^= 0xff;
    const cases: [unknown, RegExp][] = [
      [new TextEncoder().encode('{"elements": []}'), /not a Lanvas board file/],
      [bytes.slice(0, bytes.length - 10), /damaged/],
      [flipped, /damaged/],
      ['a string', /not a Lanvas board file/],
    ];
    for (const [input, reason] of cases) {
      await expect(library.importFile(input)).rejects.toThrow(BoardFileError);
      await expect(library.importFile(input)).rejects.toThrow(reason);
    }
    expect(fs.readdirSync(path.join(host.dataDir, 'boards')).sort()).toEqual(before);
    await host.reflector.close();
  });
});

/**
 * A model that exercises the engine: plain data, Maps and Sets, typed arrays, a future()-driven timer
 * that draws from random(), references between models with cycles, creation and destruction.
 */
import { Model, SESSION_SCOPE, type ViewJoinData } from '../../src/renderer/session/index';

export class Item extends Model {
  key = '';
  label = '';
  by = '';
  createdAt = 0;
  points = new Int16Array(0);
  links: Item[] = [];
  owner: Board | null = null;

  override init(options: { key: string; label: string; by: string; owner: Board }): void {
    this.key = options.key;
    this.label = options.label;
    this.by = options.by;
    this.owner = options.owner;
    this.createdAt = this.now();
    this.points = Int16Array.from({ length: 8 }, () => Math.floor(this.random() * 2000) - 1000);
  }
}
Item.register('Item');

export class Board extends Model {
  items = new Map<string, Item>();
  /** Every key ever added, in the order the session applied them. */
  seen: string[] = [];
  tags = new Set<string>();
  present = new Map<string, string>();
  ticks = 0;
  rolls: number[] = [];
  initCalls = 0;

  override init(): void {
    this.initCalls++;
    this.subscribe('board', 'add', 'onAdd');
    this.subscribe('board', 'link', 'onLink');
    this.subscribe('board', 'remove', 'onRemove');
    this.subscribe('board', 'tag', 'onTag');
    this.subscribe(SESSION_SCOPE, 'view-join', 'onJoin');
    this.subscribe(SESSION_SCOPE, 'view-exit', 'onExit');
    this.future(50).tick();
  }

  tick(): void {
    this.ticks++;
    this.rolls.push(Math.floor(this.random() * 1000));
    if (this.rolls.length > 32) this.rolls.shift();
    this.future(50).tick();
  }

  onAdd(data: { key: string; label: string; by: string }): void {
    this.seen.push(data.key);
    const item = Item.create({ ...data, owner: this });
    this.items.set(data.key, item);
    this.publish('board', 'added', item);
  }

  onLink(data: { a: string; b: string }): void {
    const a = this.items.get(data.a);
    const b = this.items.get(data.b);
    if (!a || !b || a === b) return;
    a.links.push(b);
    b.links.push(a);
  }

  onRemove(data: { key: string }): void {
    const item = this.items.get(data.key);
    if (!item) return;
    for (const other of item.links) other.links = other.links.filter((l) => l !== item);
    this.items.delete(data.key);
    item.destroy();
  }

  onTag(data: { tag: string }): void {
    if (this.tags.has(data.tag)) this.tags.delete(data.tag);
    else this.tags.add(data.tag);
  }

  onJoin(data: ViewJoinData): void {
    this.present.set(data.viewId, data.name);
  }

  onExit(data: { viewId: string }): void {
    this.present.delete(data.viewId);
  }
}
Board.register('Board');

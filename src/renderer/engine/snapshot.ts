/**
 * Snapshot bytes: the whole model graph as a sequence of msgpack values.
 *   1. shells:  { format, classes, classIndex, ids }   which model of which class, in creation order
 *   2. machine: the VM state (time, seq, generator, futures, subscriptions, present views)
 *   3. chunks:  arrays of model fields, CHUNK_MODELS models each
 * Chunks have a fixed size so the writer can pause between them (keeping the thread responsive)
 * without the bytes, and hence the hash, depending on when it paused. References between models,
 * cycles included, are written as ids and resolved against the shells, which exist before any field
 * is read. init() is never called on restore.
 */
import { sha256 } from '../../shared/hash';
import { addExtension, Packr } from 'msgpackr';
import { concatBytes } from '../../shared/bytes';
import { runIn, type ModelHost } from './context';
import { Model, modelClass, modelClassName } from './model';
import { VirtualMachine, type MachineState } from './vm';

export const SNAPSHOT_FORMAT = 1;
const CHUNK_MODELS = 256;

class WireMap {
  constructor(readonly flat: unknown[]) {}
}
class WireSet {
  constructor(readonly items: unknown[]) {}
}

/** Models by id while a snapshot is being read; refs resolve through it. */
let resolving: Map<string, Model> | null = null;
/** Models of the machine being written: a ref to a destroyed model is written as null. */
let writing: Map<string, Model> | null = null;

addExtension({
  Class: Model,
  type: 0x4c,
  write: (m: Model) => (writing?.has(m.id) ? m.id : null),
  read: (id: string | null) => (id === null ? null : (resolving?.get(id) ?? null)),
});
addExtension({ Class: WireMap, type: 0x4d, write: (m: WireMap) => m.flat, read: (flat: unknown[]) => pairs(flat) });
addExtension({ Class: WireSet, type: 0x53, write: (s: WireSet) => s.items, read: (items: unknown[]) => new Set(items) });

function pairs(flat: unknown[]): Map<unknown, unknown> {
  const map = new Map();
  for (let i = 0; i + 1 < flat.length; i += 2) map.set(flat[i], flat[i + 1]);
  return map;
}

const packr = new Packr({ useRecords: false, moreTypes: true });

/** Turns model state into values msgpackr writes faithfully: Maps and Sets tagged, plain data copied. */
function wire(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) {
    if (typeof value === 'function' || typeof value === 'symbol') throw new Error(`a ${typeof value} cannot be part of model state`);
    return value;
  }
  if (value instanceof Model || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) return value.map(wire);
  if (value instanceof Map) {
    const flat: unknown[] = [];
    for (const [k, v] of value) flat.push(wire(k), wire(v));
    return new WireMap(flat);
  }
  if (value instanceof Set) return new WireSet([...value].map(wire));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new Error(`a ${(value as object).constructor?.name ?? 'class'} instance cannot be part of model state: use a Model subclass or plain data`);
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = wire((value as Record<string, unknown>)[key]);
  return out;
}

/**
 * A model's fields as written. A field the class declares with a default (Model.addedFields) is left out
 * while it holds that default (restore's field initialisers put it back), which keeps the many shapes
 * at their defaults small. Fields are written in one order whatever order they were set in, so every
 * replica writes the same bytes for the same state.
 */
function fieldsOf(model: Model, defaults: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const fields = model as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(model)) if (!Object.hasOwn(defaults, key)) out[key] = wire(fields[key]);
  for (const key of Object.keys(defaults)) {
    if (Object.hasOwn(fields, key) && fields[key] !== defaults[key]) out[key] = wire(fields[key]);
  }
  return out;
}

export interface WrittenSnapshot {
  bytes: Uint8Array;
  /** SHA-256 of `bytes`, computed chunk by chunk as they are written. */
  hash: Uint8Array;
}

/**
 * Serialises the machine. `pause` is called between chunks; when it returns a promise the writer waits
 * for it (the session yields to the event loop there). The machine must not run meanwhile.
 */
export async function writeSnapshot(vm: VirtualMachine, pause?: () => Promise<void> | undefined): Promise<WrittenSnapshot> {
  const models = [...vm.models.values()];
  const classes: string[] = [];
  const classIds = new Map<string, number>();
  const classIndex = new Uint16Array(models.length);
  models.forEach((m, i) => {
    const name = modelClassName(m);
    let index = classIds.get(name);
    if (index === undefined) classIds.set(name, (index = classes.push(name) - 1));
    classIndex[i] = index;
  });
  const hasher = sha256.create();
  const parts: Uint8Array[] = [];
  const add = (part: Uint8Array) => {
    parts.push(part);
    hasher.update(part);
  };
  writing = vm.models;
  const defaults = new Map<string, Readonly<Record<string, unknown>>>();
  const defaultsOf = (m: Model) => {
    const name = modelClassName(m);
    let d = defaults.get(name);
    if (d === undefined) defaults.set(name, (d = (m.constructor as typeof Model).addedFields()));
    return d;
  };
  try {
    add(packr.pack({ format: SNAPSHOT_FORMAT, classes, classIndex, ids: models.map((m) => m.id) }));
    add(packr.pack(wire(vm.state())));
    for (let i = 0; i < models.length; i += CHUNK_MODELS) {
      add(packr.pack(models.slice(i, i + CHUNK_MODELS).map((m) => fieldsOf(m, defaultsOf(m)))));
      const wait = pause?.();
      if (wait !== undefined) {
        writing = null;
        await wait;
        writing = vm.models;
      }
    }
  } finally {
    writing = null;
  }
  return { bytes: concatBytes(parts), hash: hasher.digest() };
}

export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

interface Shells {
  format: number;
  classes: string[];
  classIndex: Uint16Array;
  ids: string[];
}

function isShells(v: unknown): v is Shells {
  const s = v as Shells;
  return (
    typeof v === 'object' && v !== null && s.format === SNAPSHOT_FORMAT && Array.isArray(s.classes) &&
    s.classIndex instanceof Uint16Array && Array.isArray(s.ids) && s.ids.length === s.classIndex.length
  );
}

/** The model's id while its shell is being built: what Model's constructor is given in place of a new one. */
let shellId = '';
const restoring = { adopt: () => shellId } as unknown as ModelHost;

/**
 * A model built by its constructor without init(): its field initialisers give it the shape (in V8's
 * sense) a live model of its class has, where an object filled from nothing would be a slow dictionary
 * at twice the memory. Initialisers are plain defaults, so running them reads nothing outside the model.
 */
function shellOf(cls: typeof Model, id: string): Model {
  shellId = id;
  return runIn(restoring, () => new cls());
}

/** Rebuilds a machine from snapshot bytes without calling any init(). Throws SnapshotError if they are damaged. */
export function readSnapshot(bytes: Uint8Array): VirtualMachine {
  let shells: Model[] = [];
  let vm: VirtualMachine | null = null;
  let filled = 0;
  let index = 0;
  const byId = new Map<string, Model>();
  resolving = byId;
  try {
    packr.unpackMultiple(bytes, (value: unknown) => {
      if (index === 0) {
        if (!isShells(value)) throw new SnapshotError('snapshot header is not a known format');
        const classes = value.classes.map(modelClass);
        shells = value.ids.map((id, i) => {
          const shell = shellOf(classes[value.classIndex[i]!]!, id);
          byId.set(id, shell);
          return shell;
        });
      } else if (index === 1) {
        vm = VirtualMachine.restore(value as MachineState);
      } else {
        if (!Array.isArray(value)) throw new SnapshotError('snapshot chunk is not a list');
        for (const fields of value) Object.assign(shells[filled++]!, fields);
      }
      index++;
    });
  } catch (error) {
    throw error instanceof SnapshotError ? error : new SnapshotError(`snapshot is damaged: ${(error as Error).message}`);
  } finally {
    resolving = null;
  }
  const machine = vm as VirtualMachine | null;
  if (machine === null || filled !== shells.length) throw new SnapshotError('snapshot is truncated');
  // A field the bytes leave out (a default, or added since they were saved) keeps its initialiser's value.
  for (const shell of shells) machine.models.set(shell.id, shell);
  if (!machine.models.has(machine.rootId)) throw new SnapshotError('snapshot has no root model');
  return machine;
}

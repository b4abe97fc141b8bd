/**
 * Encoding and validation of protocol frames. Every frame is one msgpack value; decoding returns a typed
 * message or throws ValidationError with a short reason fit for a WebSocket close frame.
 */
import { Packr } from 'msgpackr';
import { isBoardId, isViewId } from './ids';
import {
  EventKind,
  LIMITS,
  type ClientMsg,
  type EventsMsg,
  type JoinInfo,
  type ServerMsg,
  type SnapshotRecord,
  type StampedEvent,
  type UserInfo,
  type WelcomeMsg,
} from './protocol';
import { check, isBytes, isFiniteNumber, isInt, isObj, isStr, ValidationError, type Obj } from './validate';

// Plain msgpack: no shared record structures, so every frame decodes on its own.
const packr = new Packr({ useRecords: false, moreTypes: false, mapsAsObjects: true });

export function encodeFrame(msg: ClientMsg | ServerMsg | JoinInfo): Uint8Array {
  return packr.pack(msg);
}

function unpack(bytes: Uint8Array): unknown {
  try {
    return packr.unpack(bytes);
  } catch {
    throw new ValidationError('malformed msgpack');
  }
}

function decodeObj(bytes: Uint8Array): Obj {
  const value = unpack(bytes);
  check(isObj(value) && typeof value.t === 'string', 'frame is not a message');
  return value;
}

const COLOR = /^#[0-9a-fA-F]{6}$/;

export function isUserInfo(v: unknown): v is UserInfo {
  return isObj(v) && isStr(v.name, LIMITS.maxNameLength) && typeof v.color === 'string' && COLOR.test(v.color);
}

export function decodeClientFrame(bytes: Uint8Array): ClientMsg {
  const m = decodeObj(bytes);
  switch (m.t) {
    case 'hello':
      check(isInt(m.v), 'hello.v');
      check(isBoardId(m.board), 'hello.board');
      check(isBytes(m.sid, LIMITS.sidBytes, LIMITS.sidBytes), 'hello.sid');
      check(isBytes(m.share, LIMITS.shareBytes, LIMITS.shareBytes), 'hello.share');
      return m as unknown as ClientMsg;
    case 'auth':
      check(isBytes(m.proof, LIMITS.proofBytes, LIMITS.proofBytes), 'auth.proof');
      check(isBytes(m.join, 1024), 'auth.join');
      return m as unknown as ClientMsg;
    case 'publish':
      check(isInt(m.first, 1), 'publish.first');
      check(Array.isArray(m.data) && m.data.length >= 1 && m.data.length <= LIMITS.maxEventsPerFrame, 'publish.data');
      check((m.data as unknown[]).every((d) => isBytes(d, LIMITS.maxEventBytes)), 'publish.data');
      return m as unknown as ClientMsg;
    case 'eph':
      check(isBytes(m.data, LIMITS.maxEphemeralBytes), 'eph.data');
      return m as unknown as ClientMsg;
    case 'snap-hash':
      check(isInt(m.seq) && isBytes(m.hash, LIMITS.hashBytes, LIMITS.hashBytes), 'snap-hash');
      return m as unknown as ClientMsg;
    case 'snap-now':
      return { t: 'snap-now' };
    case 'snap-chunk':
      // An upload announcing too much is well formed: the board refuses it as too large (1009).
      check(isInt(m.seq) && isBytes(m.hash, LIMITS.hashBytes, LIMITS.hashBytes), 'snap-chunk.seq/hash');
      check(isInt(m.count, 1) && isInt(m.index, 0, m.count - 1) && isInt(m.size), 'snap-chunk.index/count/size');
      check(isBytes(m.bytes, LIMITS.snapshotChunkBytes), 'snap-chunk.bytes');
      return m as unknown as ClientMsg;
    default:
      throw new ValidationError('unknown message type');
  }
}

/** The opened `auth.join`: who is joining. */
export function decodeJoinInfo(bytes: Uint8Array): JoinInfo {
  const m = unpack(bytes);
  check(isObj(m), 'join is not a map');
  check(isViewId(m.viewId), 'join.viewId');
  check(isUserInfo(m.user), 'join.user');
  if (m.resume !== undefined) {
    const r = m.resume;
    check(isObj(r) && isStr(r.epoch, 64) && isInt(r.seq), 'join.resume');
  }
  return { viewId: m.viewId, user: m.user, ...(m.resume === undefined ? {} : { resume: m.resume as JoinInfo['resume'] }) };
}

export function isStampedEvent(v: unknown): v is StampedEvent {
  if (!Array.isArray(v) || v.length !== 6) return false;
  const [seq, time, kind, viewId, cseq, data] = v as unknown[];
  if (!isInt(seq, 1) || !isFiniteNumber(time) || time < 0 || !isInt(cseq)) return false;
  if (!(viewId === '' || isViewId(viewId))) return false;
  switch (kind) {
    case EventKind.User:
      return isBytes(data, LIMITS.maxEventBytes);
    case EventKind.Join:
      return isUserInfo(data);
    case EventKind.Exit:
      return data === null;
    case EventKind.Snapshot:
      return isViewId(data);
    case EventKind.Presence:
      return Array.isArray(data) && data.every(isViewId);
    default:
      return false;
  }
}

export function isSnapshotRecord(v: unknown): v is SnapshotRecord {
  return (
    isObj(v) &&
    isInt(v.seq) &&
    isFiniteNumber(v.time) &&
    isBytes(v.hash, LIMITS.hashBytes, LIMITS.hashBytes) &&
    isBytes(v.bytes, LIMITS.maxSnapshotBytes)
  );
}

export function decodeServerFrame(bytes: Uint8Array): ServerMsg {
  const m = decodeObj(bytes);
  switch (m.t) {
    case 'challenge':
      check(isBytes(m.share, LIMITS.shareBytes, LIMITS.shareBytes) && isBytes(m.proof, LIMITS.proofBytes, LIMITS.proofBytes), 'challenge');
      break;
    case 'welcome':
      check(isBoardId(m.board), 'welcome.board');
      check(isStr(m.epoch, 64) && isFiniteNumber(m.time) && typeof m.resumed === 'boolean', 'welcome');
      check(m.snapshot === null || isSnapshotRecord(m.snapshot), 'welcome.snapshot');
      check(Array.isArray(m.events) && m.events.every(isStampedEvent), 'welcome.events');
      check(isInt(m.ackedClientSeq), 'welcome.ackedClientSeq');
      check(isObj(m.broadcast) && isBytes(m.broadcast.key, LIMITS.keyBytes, LIMITS.keyBytes) && isInt(m.broadcast.next), 'welcome.broadcast');
      break;
    case 'events':
      check(Array.isArray(m.events) && m.events.every(isStampedEvent), 'events');
      break;
    case 'tick':
      check(isFiniteNumber(m.time), 'tick');
      break;
    case 'eph':
      check(isViewId(m.from) && isBytes(m.data, LIMITS.maxEphemeralBytes), 'eph');
      break;
    case 'divergence':
      check(isInt(m.seq) && isObj(m.hashes), 'divergence');
      break;
    case 'snap-stored':
      check(isInt(m.seq), 'snap-stored');
      break;
    case 'storage':
      check(typeof m.ok === 'boolean', 'storage');
      break;
    case 'rekey':
      check(isBytes(m.key, LIMITS.keyBytes, LIMITS.keyBytes), 'rekey');
      break;
    default:
      throw new ValidationError('unknown message type');
  }
  return m as unknown as ServerMsg;
}

/** Encodes a stamped event for the board log; the same bytes are what a log record holds. */
export function encodeEvent(event: StampedEvent): Uint8Array {
  return event[2] === EventKind.User ? encodeUserEvent(event) : packr.pack(event);
}

/** Bytes of a msgpack unsigned integer as msgpackr writes it (beyond 32 bits: a float 64). */
const uintSize = (n: number) => (n < 0x80 ? 1 : n < 0x100 ? 2 : n < 0x10000 ? 3 : n <= 0xffffffff ? 5 : 9);

/**
 * User events are written into shared slabs and handed out as views: a small typed array of its own
 * costs a separate allocation each, and the reflector writes one per event it relays.
 */
const SLAB_BYTES = 64 * 1024;
let slab = new Uint8Array(SLAB_BYTES);
let slabView = new DataView(slab.buffer);
let slabAt = 0;

function writeUint(at: number, n: number): number {
  const size = uintSize(n);
  if (size === 1) {
    slab[at] = n;
    return at + 1;
  }
  slab[at] = size === 2 ? 0xcc : size === 3 ? 0xcd : size === 5 ? 0xce : 0xcb;
  if (size === 2) slab[at + 1] = n;
  else if (size === 3) slabView.setUint16(at + 1, n);
  else if (size === 5) slabView.setUint32(at + 1, n);
  else slabView.setFloat64(at + 1, n);
  return at + size;
}

/**
 * A user event written straight into its msgpack bytes, the same bytes packr gives: the reflector stamps
 * one per event it relays. View ids are ASCII (they are validated), so each character is one byte.
 */
function encodeUserEvent([seq, time, kind, viewId, cseq, data]: StampedEvent): Uint8Array {
  const payload = data as Uint8Array;
  const n = payload.length;
  const binHead = n < 0x100 ? 2 : n < 0x10000 ? 3 : 5;
  const strHead = viewId.length < 0x20 ? 1 : 2;
  const size = 2 + uintSize(seq) + uintSize(time) + strHead + viewId.length + uintSize(cseq) + binHead + n;
  if (slabAt + size > slab.length) {
    slab = new Uint8Array(Math.max(SLAB_BYTES, size));
    slabView = new DataView(slab.buffer);
    slabAt = 0;
  }
  const start = slabAt;
  slab[start] = 0x96; // an array of six
  let at = writeUint(start + 1, seq);
  at = writeUint(at, time);
  slab[at++] = kind;
  if (strHead === 2) slab[at++] = 0xd9; // str 8; shorter ones are a fixstr
  slab[at++] = strHead === 1 ? 0xa0 | viewId.length : viewId.length;
  for (let i = 0; i < viewId.length; i++) slab[at++] = viewId.charCodeAt(i);
  at = writeUint(at, cseq);
  slab[at] = binHead === 2 ? 0xc4 : binHead === 3 ? 0xc5 : 0xc6;
  if (binHead === 2) slab[at + 1] = n;
  else if (binHead === 3) slabView.setUint16(at + 1, n);
  else slabView.setUint32(at + 1, n);
  slab.set(payload, at + binHead);
  slabAt = start + size;
  return slab.subarray(start, slabAt);
}

/**
 * The frame `msg` with `events` added (last), from the events' own encodings (the log's): the same
 * message `encodeFrame` would give, without packing any event a second time.
 */
export function encodeWithEvents(msg: Omit<EventsMsg, 'events'> | Omit<WelcomeMsg, 'events'>, encoded: readonly Uint8Array[]): Uint8Array {
  const head = packr.pack({ ...msg, events: 0 }); // a 0 packs as one byte: the array goes in its place
  const n = encoded.length;
  const arrayHead = n < 16 ? 1 : n < 0x10000 ? 3 : 5;
  let size = head.length - 1 + arrayHead;
  for (const e of encoded) size += e.length;
  const out = new Uint8Array(size);
  out.set(head.subarray(0, head.length - 1), 0);
  let at = head.length - 1;
  // msgpack's array headers: fixarray, array 16, array 32
  out[at] = arrayHead === 1 ? 0x90 | n : arrayHead === 3 ? 0xdc : 0xdd;
  if (arrayHead === 3) new DataView(out.buffer).setUint16(at + 1, n);
  if (arrayHead === 5) new DataView(out.buffer).setUint32(at + 1, n);
  at += arrayHead;
  for (const e of encoded) {
    out.set(e, at);
    at += e.length;
  }
  return out;
}

export function decodeEvent(bytes: Uint8Array): StampedEvent {
  let value: unknown;
  try {
    value = packr.unpack(bytes);
  } catch {
    throw new ValidationError('malformed event record');
  }
  check(isStampedEvent(value), 'invalid event record');
  return value;
}

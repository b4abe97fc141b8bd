/**
 * The wire protocol between a Lanvas client and the reflector: message shapes, limits and close codes.
 * docs/protocol.md explains the handshake and the order of messages; keep the two in step.
 */

export const PROTOCOL_VERSION = 7;

/**
 * Both ends batch by one display frame: a busy board broadcasts, and a busy client publishes, at most
 * one frame per this many ms; nobody sees the difference, and each frame's cost is shared by its events.
 */
export const BATCH_MS = 16;

export const LIMITS = {
  /** Largest WebSocket frame the reflector accepts from a client, in bytes, as sent (sealed). */
  maxFrameBytes: 1 << 20,
  /** Largest opaque payload of one model event. */
  maxEventBytes: 64 * 1024,
  /** Most events one client frame may carry: the event burst, since a frame with more could never pass it. */
  maxEventsPerFrame: 240,
  /** Largest opaque payload of one ephemeral message (cursor, stroke in progress). */
  maxEphemeralBytes: 16 * 1024,
  /** A snapshot is uploaded in chunks of at most this many bytes. */
  snapshotChunkBytes: 512 * 1024,
  /** Largest compressed snapshot the reflector will assemble. */
  maxSnapshotBytes: 256 * 1024 * 1024,
  /** Largest snapshot once inflated: an upload that announces or inflates to more is refused. */
  maxSnapshotRawBytes: 512 * 1024 * 1024,
  /** Token buckets per client: sustained rate per second and burst. */
  eventRate: { perSecond: 60, burst: 240 },
  ephemeralRate: { perSecond: 120, burst: 240 },
  /** A client that has not proven itself by then is closed. */
  authTimeoutMs: 10_000,
  /**
   * Liveness. The reflector sends something at least every tick (100 ms) to everyone joined, so a client
   * that hears nothing for `silenceMs` takes the path to the host as cut and reconnects; while it waits
   * for a welcome (which can be large) it allows `welcomeSilenceMs`. The reflector pings every
   * `pingMs` and drops a participant that has answered nothing for `peerSilenceMs`.
   */
  silenceMs: 4000,
  welcomeSilenceMs: 30_000,
  pingMs: 2000,
  peerSilenceMs: 6000,
  /**
   * While the log cannot be written, stamped events wait in memory, the write is retried this often, and
   * past this many waiting bytes new events are refused (their senders keep them and resend later).
   */
  storageRetryMs: 1000,
  maxUnsavedBytes: 8 * 1024 * 1024,
  /** A peer that does not answer a close within this long is cut off (ws would wait 30 s). */
  closeGraceMs: 1500,
  maxNameLength: 64,
  sidBytes: 16,
  shareBytes: 32,
  proofBytes: 32,
  hashBytes: 32,
  /** A frame key (ChaCha20-Poly1305). */
  keyBytes: 32,
} as const;

/** WebSocket close codes the reflector uses. 4xxx are application codes, named after their HTTP cousins. */
export const CloseCode = {
  Normal: 1000,
  ServerShutdown: 1001,
  Malformed: 4400,
  Unauthorized: 4401,
  /** The host removed this participant. */
  Removed: 4403,
  UnknownBoard: 4404,
  /** The host stopped sharing the board (or ended the code this client came in with). */
  SessionEnded: 4410,
  Replaced: 4409,
  /** Standard "message too big": ws itself refuses a frame over the limit. */
  TooLarge: 1009,
  VersionMismatch: 4426,
  RateLimited: 4429,
  AuthTimeout: 4408,
  /** The host cannot open this board now (damaged beyond recovery, or its disk failed); it logs why. */
  BoardUnavailable: 4503,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Close codes after which reconnecting cannot help. */
export const FATAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.Malformed,
  CloseCode.Unauthorized,
  CloseCode.Removed,
  CloseCode.UnknownBoard,
  CloseCode.SessionEnded,
  CloseCode.Replaced,
  CloseCode.TooLarge,
  CloseCode.VersionMismatch,
]);

/** What a stamped event is. User events carry an opaque payload; the rest are written by the reflector. */
export const EventKind = {
  /** A view published an event: data is the opaque encoded [scope, event, payload]. */
  User: 0,
  /** A view joined: data is its UserInfo. */
  Join: 1,
  /** A view left: data is null. */
  Exit: 2,
  /** Take a snapshot after this event: data is the view id that uploads it. */
  Snapshot: 3,
  /** The reflector (re)opened the board: data is the list of view ids connected now; all others are gone. */
  Presence: 4,
} as const;
export type EventKind = (typeof EventKind)[keyof typeof EventKind];

export interface UserInfo {
  name: string;
  color: string;
}

/** One event as the reflector sequenced it: [seq, time, kind, viewId, clientSeq, data]. */
export type StampedEvent = [
  seq: number,
  time: number,
  kind: EventKind,
  viewId: string,
  clientSeq: number,
  data: Uint8Array | UserInfo | string | string[] | null,
];

export interface SnapshotRecord {
  seq: number;
  time: number;
  /** SHA-256 of the uncompressed snapshot bytes. */
  hash: Uint8Array;
  /** The zlib-compressed snapshot. */
  bytes: Uint8Array;
}

// ---- client to reflector ----
/** The hello holds only what the key agreement needs, in clear; who is joining goes sealed in `auth`. */
export interface HelloMsg {
  t: 'hello';
  v: number;
  /** The board id, or an invite code's session part: what the reflector looks the password up by. */
  board: string;
  /** PAKE session id, fresh per connection. */
  sid: Uint8Array;
  /** The client's PAKE share. */
  share: Uint8Array;
}
export interface AuthMsg {
  t: 'auth';
  proof: Uint8Array;
  /** A JoinInfo, sealed as the client's frame 0: nobody on the network sees who joins. */
  join: Uint8Array;
}
/** Who is joining: sent sealed inside `auth`. */
export interface JoinInfo {
  viewId: string;
  user: UserInfo;
  /** Present when reconnecting: the reflector incarnation and the last event this client processed. */
  resume?: { epoch: string; seq: number };
}
export interface PublishMsg {
  t: 'publish';
  /**
   * The first event's per-view counter; the others follow it one by one. The counter lets the reflector
   * recognise a resent event and not apply it twice.
   */
  first: number;
  data: Uint8Array[];
}
export interface EphemeralMsg {
  t: 'eph';
  data: Uint8Array;
}
export interface SnapHashMsg {
  t: 'snap-hash';
  seq: number;
  hash: Uint8Array;
}
export interface SnapChunkMsg {
  t: 'snap-chunk';
  seq: number;
  hash: Uint8Array;
  index: number;
  count: number;
  /**
   * Length of the whole snapshot once inflated. The host inflates no further than this (nor than
   * LIMITS.maxSnapshotRawBytes), so a small upload cannot make it inflate gigabytes.
   */
  size: number;
  bytes: Uint8Array;
}
/** Asks for a snapshot now (a window closing its board): answered by snap-stored once one is stored. */
export interface SnapNowMsg {
  t: 'snap-now';
}
export type ClientMsg = HelloMsg | AuthMsg | PublishMsg | EphemeralMsg | SnapHashMsg | SnapChunkMsg | SnapNowMsg;

// ---- reflector to client ----
export interface ChallengeMsg {
  t: 'challenge';
  /** The reflector's PAKE share. */
  share: Uint8Array;
  /** The reflector's proof that it holds the same password: checked before the client proves itself. */
  proof: Uint8Array;
}
export interface WelcomeMsg {
  t: 'welcome';
  /**
   * The board's own id on the host. A new board's machine is seeded from it, so every replica starts
   * identical whichever invite code, link or id it came in by.
   */
  board: string;
  epoch: string;
  /** Reflector time now; the client advances its model to it after catching up. */
  time: number;
  /** True when the client's resume point was honoured: only events after it follow. */
  resumed: boolean;
  snapshot: SnapshotRecord | null;
  events: StampedEvent[];
  /** The highest clientSeq the reflector holds for this view (resent events up to it are dropped). */
  ackedClientSeq: number;
  /** The board's broadcast key and the number of the next frame it seals. */
  broadcast: { key: Uint8Array; next: number };
}
export interface EventsMsg {
  t: 'events';
  events: StampedEvent[];
}
export interface TickMsg {
  t: 'tick';
  time: number;
}
export interface EphemeralRelayMsg {
  t: 'eph';
  from: string;
  data: Uint8Array;
}
export interface DivergenceMsg {
  t: 'divergence';
  seq: number;
  /** View id to hex hash, including the uploader's. */
  hashes: Record<string, string>;
}
export interface SnapStoredMsg {
  t: 'snap-stored';
  seq: number;
}
/**
 * Whether the host can write the board's log. While it cannot (a full disk), nothing is acknowledged:
 * this is sent every tick instead, and once with `ok: true` when writing works again.
 */
export interface StorageMsg {
  t: 'storage';
  ok: boolean;
}
/** A participant left: broadcasts from now on are sealed with this fresh key, numbered from 0. */
export interface RekeyMsg {
  t: 'rekey';
  key: Uint8Array;
}
export type ServerMsg =
  | ChallengeMsg
  | WelcomeMsg
  | EventsMsg
  | TickMsg
  | EphemeralRelayMsg
  | DivergenceMsg
  | SnapStoredMsg
  | StorageMsg
  | RekeyMsg;

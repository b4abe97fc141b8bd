/** The engine's public face: what board code and tests import. */
export { Model } from '../engine/model';
export { SESSION_SCOPE, VirtualMachine, type ViewJoinData } from '../engine/vm';
export { readSnapshot, writeSnapshot, SnapshotError } from '../engine/snapshot';
export { View, type ViewHost } from './view';
export { Session, type SessionOptions, type SessionStatus } from './session';
export type { Compressor } from './compressor';
export type { WebSocketFactory, WebSocketLike } from './connection';

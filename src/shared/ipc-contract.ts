/**
 * The one contract between the desktop back end (Electron main, or the loopback bridge server that
 * runs the same back end for a browser), the preload bridge and the renderer. Channel names, argument
 * and result types live here; the back end validates every argument it receives at runtime.
 */

export interface AppInfo {
  version: string;
  platform: string;
  /** The wire protocol version; a host and a joiner must agree on it. */
  protocol: number;
}

export interface BoardSummary {
  id: string;
  name: string;
  created: number;
  lastChange: number;
  /** Bytes on disk. */
  bytes: number;
  /** A PNG data URL, or null before the first snapshot. */
  thumbnail: string | null;
}

export interface TrashedBoard extends BoardSummary {
  deleted: number;
}

/** Where the renderer's session connects and with what. */
export interface SessionTarget {
  url: string;
  board: string;
  secret: string;
  /** The board's name, for the title bar. */
  name: string;
  /** Set for a board of this user's own library (so it can be shared, thumbnailed, closed). */
  libraryId?: string;
}

export interface ShareInfo {
  board: string;
  name: string;
  /** The invite code as shown: three groups of four. */
  code: string;
  /** The code's public part, which discovery answers to. */
  session: string;
  port: number;
  /** This machine's LAN addresses, for the link form. */
  addresses: string[];
}

/** A shared board seen on the LAN. Never carries a code's password or a secret. */
export interface NearbySession {
  /** The code's public first group (e.g. K7M2): a joiner picking this board types only the rest. */
  codeStart: string;
  name: string;
  host: string;
  address: string;
  port: number;
  protocol: number;
}

export interface ExportedBoard {
  fileName: string;
  bytes: Uint8Array;
}

/** What the native menus ask the board to do (so accelerators reach the board, not only text fields). */
export type MenuCommand = 'undo' | 'redo' | 'duplicate' | 'delete' | 'select-all' | 'zoom-in' | 'zoom-out' | 'zoom-fit' | 'home';

/** A `lanvas://join/<code>` link (or its web form), opened at start or while running. */
export interface JoinLink {
  code: string;
  /** host:port from the link form, when it carries the address. */
  address?: string;
}

/** Invoke channels: name -> [argument, result]. */
export interface IpcContract {
  'app:info': [void, AppInfo];
  'library:list': [{ query: string }, BoardSummary[]];
  'library:create': [{ name: string }, BoardSummary];
  'library:rename': [{ id: string; name: string }, BoardSummary];
  'library:duplicate': [{ id: string }, BoardSummary];
  'library:delete': [{ id: string }, void];
  'library:trash': [void, TrashedBoard[]];
  'library:restore': [{ id: string }, BoardSummary];
  'library:export': [{ id: string }, ExportedBoard];
  'library:import': [{ bytes: Uint8Array }, BoardSummary];
  'board:open': [{ id: string }, SessionTarget];
  'board:close': [{ id: string }, void];
  'board:thumbnail': [{ id: string; png: Uint8Array }, void];
  'share:start': [{ id: string }, ShareInfo];
  'share:info': [{ id: string }, ShareInfo | null];
  'share:new-code': [{ id: string }, ShareInfo];
  'share:remove': [{ id: string; viewId: string }, boolean];
  'share:stop': [{ id: string }, void];
  'lan:nearby': [void, NearbySession[]];
  'lan:join': [JoinLink, SessionTarget];
  /** A join link the app was started with, once (cold start); null if none. */
  'link:pending': [void, JoinLink | null];
}
export type IpcChannel = keyof IpcContract;
export type IpcArg<C extends IpcChannel> = IpcContract[C][0];
export type IpcResult<C extends IpcChannel> = IpcContract[C][1];

/** Task-level names for the channels: what window.lanvas offers (each validated at the other end). */
export const TASKS = {
  appInfo: 'app:info',
  listBoards: 'library:list',
  createBoard: 'library:create',
  renameBoard: 'library:rename',
  duplicateBoard: 'library:duplicate',
  deleteBoard: 'library:delete',
  listTrash: 'library:trash',
  restoreBoard: 'library:restore',
  exportBoard: 'library:export',
  importBoard: 'library:import',
  openBoard: 'board:open',
  closeBoard: 'board:close',
  saveThumbnail: 'board:thumbnail',
  startSharing: 'share:start',
  shareInfo: 'share:info',
  newInviteCode: 'share:new-code',
  removeParticipant: 'share:remove',
  stopSharing: 'share:stop',
  nearbySessions: 'lan:nearby',
  joinByCode: 'lan:join',
  pendingJoinLink: 'link:pending',
} as const satisfies Record<string, IpcChannel>;
export type Task = keyof typeof TASKS;
export const IPC_CHANNELS: readonly IpcChannel[] = Object.values(TASKS);

/** Pushes from the back end to the renderer. */
export interface PushContract {
  'menu:command': MenuCommand;
  'link:join': JoinLink;
}
export type PushChannel = keyof PushContract;

/**
 * What the renderer gets on window.lanvas (Electron preload) or from the loopback bridge: one function
 * per task and one subscription per push, never ipcRenderer itself.
 */
export type LanvasBridge = { [T in Task]: (arg: IpcArg<(typeof TASKS)[T]>) => Promise<IpcResult<(typeof TASKS)[T]>> } & {
  onMenuCommand(handler: (command: MenuCommand) => void): void;
  onJoinLink(handler: (link: JoinLink) => void): void;
};

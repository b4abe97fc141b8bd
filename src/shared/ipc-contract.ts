/**
 * The one contract between the main process, the preload bridge and the renderer. Channel names,
 * argument and result types live here; main validates every argument it receives at runtime.
 */

/** Where the renderer's session should connect: the main process's embedded reflector. */
export interface LocalSessionInfo {
  url: string;
  board: string;
  secret: string;
}

export interface AppInfo {
  version: string;
  platform: string;
}

/** Invoke channels: name -> [argument, result]. */
export interface IpcContract {
  'app:info': [void, AppInfo];
  'session:local': [void, LocalSessionInfo];
}
export type IpcChannel = keyof IpcContract;
export const IPC_CHANNELS: readonly IpcChannel[] = ['app:info', 'session:local'];

/** What the preload exposes on window.lanvas: task-level functions, never ipcRenderer itself. */
export interface LanvasBridge {
  appInfo(): Promise<AppInfo>;
  localSession(): Promise<LocalSessionInfo>;
}

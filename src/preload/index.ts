/**
 * The sandboxed bridge: task-level functions on window.lanvas. It imports only electron and types,
 * because a sandboxed preload cannot load npm modules.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcChannel, IpcContract, LanvasBridge } from '../shared/ipc-contract';

function invoke<C extends IpcChannel>(channel: C, arg?: IpcContract[C][0]): Promise<IpcContract[C][1]> {
  return ipcRenderer.invoke(channel, arg) as Promise<IpcContract[C][1]>;
}

const bridge: LanvasBridge = {
  appInfo: () => invoke('app:info'),
  localSession: () => invoke('session:local'),
};

contextBridge.exposeInMainWorld('lanvas', bridge);

/**
 * The sandboxed bridge: one task-level function per contract channel on window.lanvas, and the two
 * pushes. It imports only electron and the contract (bundled in), because a sandboxed preload cannot
 * load npm modules.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { TASKS, type JoinLink, type LanvasBridge, type MenuCommand, type Task } from '../shared/ipc-contract';

const tasks = Object.fromEntries(
  (Object.keys(TASKS) as Task[]).map((task) => [task, (arg?: unknown) => ipcRenderer.invoke(TASKS[task], arg)]),
) as unknown as Omit<LanvasBridge, 'onMenuCommand' | 'onJoinLink'>;

const bridge: LanvasBridge = {
  ...tasks,
  onMenuCommand: (handler: (command: MenuCommand) => void) => void ipcRenderer.on('menu:command', (_event, command: MenuCommand) => handler(command)),
  onJoinLink: (handler: (link: JoinLink) => void) => void ipcRenderer.on('link:join', (_event, link: JoinLink) => handler(link)),
};

contextBridge.exposeInMainWorld('lanvas', bridge);

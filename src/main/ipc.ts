/**
 * Electron IPC over the shared handlers: each call is checked to come from one of our own windows
 * showing our own page before its (validated) handler runs; failures reach the renderer as messages
 * fit to show.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS } from '../shared/ipc-contract';
import { userMessage } from './app/errors';
import type { Handlers } from './app/handlers';

export function registerIpc(handlers: Handlers, isTrustedSender: (event: IpcMainInvokeEvent) => boolean, log: (line: string) => void): void {
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, async (event, arg: unknown) => {
      if (!isTrustedSender(event)) throw new Error(`refused ${channel}: not from a Lanvas window`);
      try {
        return await handlers[channel](arg);
      } catch (error) {
        throw new Error(userMessage(error, log));
      }
    });
  }
}

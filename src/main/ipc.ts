/**
 * IPC handlers: one per contract channel. Each checks that the call comes from one of our own windows
 * showing our own page, and validates its argument, before doing anything.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { IpcChannel, IpcContract } from '../shared/ipc-contract';

type Handler<C extends IpcChannel> = (arg: unknown) => IpcContract[C][1] | Promise<IpcContract[C][1]>;
export type IpcHandlers = { [C in IpcChannel]: Handler<C> };

export function registerIpc(handlers: IpcHandlers, isTrustedSender: (event: IpcMainInvokeEvent) => boolean): void {
  for (const channel of Object.keys(handlers) as IpcChannel[]) {
    ipcMain.handle(channel, (event, arg: unknown) => {
      if (!isTrustedSender(event)) throw new Error(`refused ${channel}: not from a Lanvas window`);
      return handlers[channel](arg);
    });
  }
}

/** For channels that take no argument: anything sent along is a contract breach. */
export function noArgument(arg: unknown): void {
  if (arg !== undefined) throw new Error('this call takes no argument');
}

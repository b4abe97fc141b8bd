/**
 * One handler per contract channel, over the app core. The renderer is untrusted: every argument is
 * checked here, whichever transport (Electron IPC or the loopback bridge) carried it.
 */
import { isBoardId, isViewId } from '../../shared/ids';
import type { IpcChannel, IpcResult, JoinLink } from '../../shared/ipc-contract';
import { isHostPort } from '../../shared/join-link';
import { check, isBytes, isObj, isStr, type Obj } from '../../shared/validate';
import { MAX_BOARD_FILE_BYTES } from '../../shared/board-file';
import { MAX_THUMBNAIL_BYTES } from '../library/board-file';
import type { AppCore } from './app-core';

export type Handlers = { [C in IpcChannel]: (arg: unknown) => IpcResult<C> | Promise<IpcResult<C>> };

function none(arg: unknown): void {
  check(arg === undefined || arg === null, 'this call takes no argument');
}

function obj(arg: unknown): Obj {
  check(isObj(arg), 'the argument must be an object');
  return arg;
}

function boardId(arg: unknown): string {
  const { id } = obj(arg);
  check(isBoardId(id), 'id must be a board id');
  return id;
}

export function joinLink(arg: unknown): JoinLink {
  const { code, address } = obj(arg);
  check(isStr(code, 64), 'code must be text');
  check(address === undefined || isHostPort(address), 'address must be IPv4:port');
  return address === undefined ? { code } : { code, address };
}

export function createHandlers(core: AppCore, pendingLink: () => JoinLink | null): Handlers {
  return {
    'app:info': (arg) => (none(arg), core.info()),
    'library:list': (arg) => {
      const { query } = obj(arg);
      check(isStr(query, 200), 'query must be text');
      return core.library.list(query);
    },
    'library:create': (arg) => core.library.create(obj(arg).name),
    'library:rename': (arg) => core.library.rename(boardId(arg), obj(arg).name),
    'library:duplicate': (arg) => core.library.duplicate(boardId(arg)),
    'library:delete': (arg) => core.deleteBoard(boardId(arg)),
    'library:trash': (arg) => (none(arg), core.library.trash()),
    'library:restore': (arg) => core.library.restore(boardId(arg)),
    'library:export': (arg) => core.library.exportFile(boardId(arg)),
    'library:import': (arg) => {
      const { bytes } = obj(arg);
      check(isBytes(bytes, MAX_BOARD_FILE_BYTES), 'bytes must be the file, at most 320 MiB');
      return core.library.importFile(bytes);
    },
    'board:open': (arg) => core.openBoard(boardId(arg)),
    'board:close': (arg) => core.closeBoard(boardId(arg)),
    'board:thumbnail': (arg) => {
      const { png } = obj(arg);
      check(isBytes(png, MAX_THUMBNAIL_BYTES), 'png must be bytes, at most 512 KiB');
      core.library.saveThumbnail(boardId(arg), png);
    },
    'share:start': (arg) => core.startSharing(boardId(arg)),
    'share:info': (arg) => core.shareInfo(boardId(arg)),
    'share:new-code': (arg) => core.newInviteCode(boardId(arg)),
    'share:remove': (arg) => {
      const { viewId } = obj(arg);
      check(isViewId(viewId), 'viewId must be a view id');
      return core.removeParticipant(boardId(arg), viewId);
    },
    'share:stop': (arg) => core.stopSharing(boardId(arg)),
    'lan:nearby': (arg) => (none(arg), core.nearbySessions()),
    'lan:join': (arg) => core.joinByCode(joinLink(arg)),
    'link:pending': (arg) => (none(arg), pendingLink()),
  };
}

/**
 * The desktop app's bootstrap: hardening, the app core (library, embedded reflector, LAN), IPC, menus,
 * deep links and the window. Each part lives in its own module; this file only composes them.
 */
import { app, BrowserWindow, dialog } from 'electron';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AppCore } from './app/app-core';
import { createHandlers } from './app/handlers';
import { DeepLinks } from './deep-links';
import { registerIpc } from './ipc';
import { installMenus } from './menus';
import { hardenApp } from './security';
import { createBoardWindow } from './windows';

const here = path.dirname(fileURLToPath(import.meta.url));
// Vite's dev server in development only: a packaged app never loads pages from a URL it is handed.
const rendererUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const rendererDir = path.join(here, '../renderer');
const rendererFiles = pathToFileURL(rendererDir + path.sep).href;
// The app's own pages, not every file:// URL.
const isAppUrl = (url: string) => (rendererUrl ? url.startsWith(rendererUrl) : url.startsWith(rendererFiles));
/** Quitting waits this long at most for the boards to flush and close (a final snapshot takes up to 3 s). */
const QUIT_DEADLINE_MS = 6000;
const log = (line: string) => console.log(line);

if (process.env.LANVAS_USER_DATA) app.setPath('userData', path.resolve(process.env.LANVAS_USER_DATA));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const windows = () => BrowserWindow.getAllWindows();
  const focused = () => BrowserWindow.getFocusedWindow() ?? windows()[0] ?? null;
  let open: (() => void) | null = null; // set once the app is ready
  // A link (or a second start) brings the window forward: restored if minimized, opened if none is left.
  const wake = () => {
    const win = focused();
    if (win === null) return open?.();
    if (win.isMinimized()) win.restore();
    win.focus();
  };
  const links = new DeepLinks(process.argv, (link) => focused()?.webContents.send('link:join', link), wake);
  void app.whenReady().then(async () => {
    hardenApp(isAppUrl, rendererUrl ?? null);
    let core: AppCore;
    try {
      core = await AppCore.start({ dataDir: app.getPath('userData'), webDir: rendererDir, version: app.getVersion(), platform: process.platform, log });
    } catch (error) {
      // Not a windowless process holding the single-instance lock: say why, and go.
      dialog.showErrorBox('Lanvas cannot start', `${(error as Error).message}\n\nBoards are kept in ${app.getPath('userData')}; check that it is writable and the disk has room.`);
      app.exit(1);
      return;
    }
    registerIpc(
      createHandlers(core, () => links.inbox.take()),
      (event) => BrowserWindow.fromWebContents(event.sender) !== null && isAppUrl(event.senderFrame?.url ?? ''),
      log,
    );
    open = () => {
      const win = createBoardWindow(rendererUrl, path.join(rendererDir, 'index.html'), path.join(here, '../preload/index.cjs'));
      // Until the new page asks for links again, they wait in the inbox.
      win.webContents.on('did-start-loading', () => links.inbox.pageGone());
      win.on('closed', () => links.inbox.pageGone());
    };
    installMenus(focused);
    open();
    app.on('activate', () => windows().length === 0 && open?.());

    let closing = false;
    app.on('before-quit', (event) => {
      if (closing) return;
      event.preventDefault();
      closing = true;
      // Every event was logged before anyone saw it, so closing loses nothing: each board is flushed and
      // closed (with a final snapshot round if anyone is still connected), then the boards reopen from
      // their newest snapshot and the log after it. A guest who stopped answering cannot hold this up.
      const deadline = new Promise((resolve) => setTimeout(resolve, QUIT_DEADLINE_MS));
      void Promise.race([core.close(), deadline]).finally(() => app.quit());
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

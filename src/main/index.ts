/**
 * The desktop app's bootstrap: hardening, the app core (library, embedded reflector, LAN), IPC, menus,
 * deep links and the window. Each part lives in its own module; this file only composes them.
 */
import { app, BrowserWindow } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppCore } from './app/app-core';
import { createHandlers } from './app/handlers';
import { DeepLinks } from './deep-links';
import { registerIpc } from './ipc';
import { installMenus } from './menus';
import { hardenApp } from './security';
import { createBoardWindow } from './windows';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererUrl = process.env.ELECTRON_RENDERER_URL;
const rendererDir = path.join(here, '../renderer');
const isAppUrl = (url: string) => (rendererUrl ? url.startsWith(rendererUrl) : url.startsWith('file://'));
const log = (line: string) => console.log(line);

if (process.env.LANVAS_USER_DATA) app.setPath('userData', path.resolve(process.env.LANVAS_USER_DATA));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const links = new DeepLinks(process.argv);
  void app.whenReady().then(async () => {
    hardenApp(isAppUrl);
    const core = await AppCore.start({ dataDir: app.getPath('userData'), webDir: rendererDir, version: app.getVersion(), platform: process.platform, log });
    registerIpc(
      createHandlers(core, () => links.takePending()),
      (event) => BrowserWindow.fromWebContents(event.sender) !== null && isAppUrl(event.senderFrame?.url ?? ''),
      log,
    );
    const open = () => createBoardWindow(rendererUrl, path.join(rendererDir, 'index.html'), path.join(here, '../preload/index.cjs'));
    const focused = () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0] ?? null;
    installMenus(focused);
    links.onLink((link) => focused()?.webContents.send('link:join', link));
    open();
    app.on('second-instance', (_event, argv) => {
      focused()?.focus();
      links.fromSecondInstance(argv);
    });
    app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && open());

    let closing = false;
    app.on('before-quit', (event) => {
      if (closing) return;
      event.preventDefault();
      closing = true;
      // The window has had its chance to store a final snapshot (see the renderer's beforeunload); now
      // every log is flushed and every board closed.
      void core.close().finally(() => app.quit());
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

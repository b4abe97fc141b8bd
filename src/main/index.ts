/** The desktop app's bootstrap: composes hardening, the embedded host, IPC and the window. */
import { app, BrowserWindow } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerIpc, noArgument } from './ipc';
import { LocalHost } from './local-host';
import { hardenApp } from './security';
import { createBoardWindow } from './windows';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererUrl = process.env.ELECTRON_RENDERER_URL;
const rendererFile = path.join(here, '../renderer/index.html');
const isAppUrl = (url: string) => (rendererUrl ? url.startsWith(rendererUrl) : url.startsWith('file://'));

if (process.env.LANVAS_USER_DATA) app.setPath('userData', path.resolve(process.env.LANVAS_USER_DATA));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(async () => {
    hardenApp(isAppUrl);
    const host = await LocalHost.start(path.join(app.getPath('userData'), 'boards'), (line) => console.log(line));
    registerIpc(
      {
        'app:info': (arg) => (noArgument(arg), { version: app.getVersion(), platform: process.platform }),
        'session:local': (arg) => (noArgument(arg), host.session()),
      },
      (event) => BrowserWindow.fromWebContents(event.sender) !== null && isAppUrl(event.senderFrame?.url ?? ''),
    );
    const open = () => createBoardWindow(rendererUrl, rendererFile, path.join(here, '../preload/index.cjs'));
    open();
    app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
    app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && open());

    let closing = false;
    app.on('before-quit', (event) => {
      if (closing) return;
      event.preventDefault();
      closing = true;
      void host.close().finally(() => app.quit());
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

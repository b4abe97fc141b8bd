/** The board window, with the renderer locked down: isolated, sandboxed, no Node. */
import { BrowserWindow } from 'electron';
import path from 'node:path';

export function createBoardWindow(rendererUrl: string | undefined, rendererFile: string, preloadFile: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 640,
    minHeight: 420,
    show: false,
    title: 'Lanvas',
    backgroundColor: '#f7f7f5',
    webPreferences: {
      preload: preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  if (rendererUrl) void win.loadURL(rendererUrl);
  else void win.loadFile(path.resolve(rendererFile));
  return win;
}

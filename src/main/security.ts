/**
 * App-wide hardening: no navigation, no new windows, no remote content, and no permissions at all.
 * Copy and paste need none: the Edit menu's roles and the keys raise the DOM's clipboard events,
 * whose data the board reads and writes (so shapes still copy between boards and between two apps).
 */
import { app, session, type WebContents } from 'electron';

/**
 * `isAppUrl` says which URLs are the app's own pages; `devServer` is Vite's origin in development
 * (its reload socket must get through), null when packaged.
 */
export function hardenApp(isAppUrl: (url: string) => boolean, devServer: string | null): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  const devSocket = devServer === null ? null : devServer.replace(/^http/, 'ws');
  // Only the app's own files, and WebSockets to a reflector (the embedded one on loopback, or a host on
  // the LAN this user joined), may be reached: no remote content.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const ok = isAppUrl(details.url) || /^ws:\/\/[\d.]+:\d+\/$/.test(details.url) || details.url.startsWith('devtools://') || (devSocket !== null && details.url.startsWith(devSocket));
    callback({ cancel: !ok });
  });
}

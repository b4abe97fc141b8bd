/**
 * App-wide hardening: no navigation, no new windows, no remote content, and no permissions but the
 * clipboard for the app's own pages (shapes copy between boards and between two Lanvas apps).
 */
import { app, session, type WebContents } from 'electron';

const CLIPBOARD = new Set(['clipboard-read', 'clipboard-sanitized-write']);

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
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback) => callback(CLIPBOARD.has(permission) && isAppUrl(contents.getURL())));
  session.defaultSession.setPermissionCheckHandler((_contents, permission, _origin, details) => CLIPBOARD.has(permission) && isAppUrl(details.requestingUrl ?? ''));
  const devSocket = devServer === null ? null : devServer.replace(/^http/, 'ws');
  // Only the app's own files, and WebSockets to a reflector (the embedded one on loopback, or a host on
  // the LAN this user joined), may be reached: no remote content.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const ok = isAppUrl(details.url) || /^ws:\/\/[\d.]+:\d+\/$/.test(details.url) || details.url.startsWith('devtools://') || (devSocket !== null && details.url.startsWith(devSocket));
    callback({ cancel: !ok });
  });
}

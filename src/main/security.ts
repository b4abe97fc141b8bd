/** App-wide hardening: no navigation, no new windows, no permissions, no remote content. */
import { app, session, type WebContents } from 'electron';

export function hardenApp(isAppUrl: (url: string) => boolean): void {
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
  // Only the app's own files, and WebSockets to a reflector (the embedded one on loopback, or a host on
  // the LAN this user joined), may be reached: no remote content.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const ok = isAppUrl(details.url) || /^ws:\/\/[\d.]+:\d+\/$/.test(details.url) || details.url.startsWith('devtools://');
    callback({ cancel: !ok });
  });
}

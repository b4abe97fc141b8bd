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
  // Only the app's own files and the embedded reflector on loopback may be reached.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const ok = isAppUrl(details.url) || /^(ws|http):\/\/127\.0\.0\.1:\d+\//.test(details.url) || details.url.startsWith('devtools://');
    callback({ cancel: !ok });
  });
}

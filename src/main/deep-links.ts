/**
 * `lanvas://join/<code>` links: the app registers itself for the scheme, and every link (the cold
 * start's argv, a second instance's argv, macOS's open-url) goes to the link inbox, which holds it
 * until the window's page takes it. Constructed before the app is ready, so no early link is missed.
 */
import { app } from 'electron';
import path from 'node:path';
import type { JoinLink } from '../shared/ipc-contract';
import { parseAppLink } from '../shared/join-link';
import { LinkInbox } from './link-inbox';

export class DeepLinks {
  readonly inbox: LinkInbox;

  /** `deliver` sends a link to a listening page; `wake` brings a window forward (or opens one). */
  constructor(argv: readonly string[], deliver: (link: JoinLink) => void, wake: () => void) {
    DeepLinks.register();
    this.inbox = new LinkInbox(deliver);
    this.inbox.receive(DeepLinks.find(argv));
    app.on('open-url', (event, url) => {
      event.preventDefault();
      this.inbox.receive(parseAppLink(url));
      wake();
    });
    app.on('second-instance', (_event, secondArgv) => {
      this.inbox.receive(DeepLinks.find(secondArgv));
      wake();
    });
  }

  /**
   * Run from source (`electron .`) the executable is Electron itself: it is registered with this app's
   * path, as Electron's deep-link guide says, so a link opens this app and not Electron's bare default
   * app in place of an installed Lanvas.
   */
  private static register(): void {
    if (!process.defaultApp) app.setAsDefaultProtocolClient('lanvas');
    else if (process.argv.length >= 2) app.setAsDefaultProtocolClient('lanvas', process.execPath, [path.resolve(process.argv[1]!)]);
  }

  static find(argv: readonly string[]): JoinLink | null {
    for (const arg of argv) {
      const link = parseAppLink(arg);
      if (link) return link;
    }
    return null;
  }
}

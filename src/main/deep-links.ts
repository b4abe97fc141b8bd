/**
 * `lanvas://join/<code>` links: registered as the app's protocol; one given at a cold start waits to be
 * asked for; one arriving while the app runs (a second instance's argv, or macOS's open-url) is handed
 * to the window at once.
 */
import { app } from 'electron';
import type { JoinLink } from '../shared/ipc-contract';
import { parseAppLink } from '../shared/join-link';

export class DeepLinks {
  private pending: JoinLink | null = null;
  private deliver: ((link: JoinLink) => void) | null = null;

  constructor(argv: readonly string[]) {
    app.setAsDefaultProtocolClient('lanvas');
    this.pending = DeepLinks.find(argv);
    app.on('open-url', (event, url) => {
      event.preventDefault();
      this.receive(parseAppLink(url));
    });
  }

  static find(argv: readonly string[]): JoinLink | null {
    for (const arg of argv) {
      const link = parseAppLink(arg);
      if (link) return link;
    }
    return null;
  }

  /** A second instance was started (with its own argv): its link, if any, goes to this one. */
  fromSecondInstance(argv: readonly string[]): void {
    this.receive(DeepLinks.find(argv));
  }

  private receive(link: JoinLink | null): void {
    if (link === null) return;
    if (this.deliver) this.deliver(link);
    else this.pending = link;
  }

  /** The link from the cold start, once. */
  takePending(): JoinLink | null {
    const link = this.pending;
    this.pending = null;
    return link;
  }

  /** Where links go once a window is ready for them. */
  onLink(deliver: (link: JoinLink) => void): void {
    this.deliver = deliver;
  }
}

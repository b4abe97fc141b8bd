/**
 * Join links on their way to the window. A link can arrive before the window exists, while its page
 * loads, or on macOS after every window closed; it waits here until the page asks (at its start), and
 * goes straight to a page that has asked and is still showing. The newest link wins: it is the one the
 * person clicked last.
 */
import type { JoinLink } from '../shared/ipc-contract';

export class LinkInbox {
  private pending: JoinLink | null = null;
  private listening = false;

  constructor(private readonly deliver: (link: JoinLink) => void) {}

  receive(link: JoinLink | null): void {
    if (link === null) return;
    if (this.listening) this.deliver(link);
    else this.pending = link;
  }

  /** The page asks for what waits; from now on it listens for links itself. */
  take(): JoinLink | null {
    this.listening = true;
    const link = this.pending;
    this.pending = null;
    return link;
  }

  /** The page reloads or its window closed: links wait again until the next page asks. */
  pageGone(): void {
    this.listening = false;
  }
}

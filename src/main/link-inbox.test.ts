import { describe, expect, it } from 'vitest';
import type { JoinLink } from '../shared/ipc-contract';
import { LinkInbox } from './link-inbox';

const first: JoinLink = { code: 'K7M2-QX9P-4TRW' };
const second: JoinLink = { code: 'ABCD-EFGH-JKMN', address: '10.0.0.5:41234' };

function inbox() {
  const delivered: JoinLink[] = [];
  return { box: new LinkInbox((link) => delivered.push(link)), delivered };
}

describe('the link inbox', () => {
  it('keeps a link that arrives before the page asks, and gives it once', () => {
    const { box, delivered } = inbox();
    box.receive(first);
    expect(box.take()).toEqual(first);
    expect(box.take()).toBeNull();
    expect(delivered).toEqual([]);
  });

  it('hands a link straight to a page that has asked', () => {
    const { box, delivered } = inbox();
    expect(box.take()).toBeNull();
    box.receive(first);
    expect(delivered).toEqual([first]);
    expect(box.take()).toBeNull();
  });

  it('keeps links while the page reloads or the window is closed, the newest winning', () => {
    const { box, delivered } = inbox();
    box.take();
    box.pageGone();
    box.receive(first);
    box.receive(second);
    expect(delivered).toEqual([]);
    expect(box.take()).toEqual(second);
  });

  it('ignores what is not a link', () => {
    const { box } = inbox();
    box.receive(null);
    expect(box.take()).toBeNull();
  });
});

/**
 * What views see through a real session: the model as it is (fresh or restored), model events only
 * after the model has handled them, a per-frame update, and the ephemeral channel, which reaches the
 * others at once and is never logged.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Session } from '../../src/renderer/session/session';
import { CloseCode } from '../../src/shared/protocol';
import { View, type ViewHost } from '../../src/renderer/session/view';
import { Board, type Item } from '../support/test-model';
import { startHost, until } from '../support/host';
import { joinSession } from '../support/join';

let host: Awaited<ReturnType<typeof startHost>> | null = null;
const sessions: Session<Board>[] = [];

afterEach(async () => {
  for (const s of sessions.splice(0)) s.leave();
  await host?.reflector.close();
  host = null;
});

class RecordingView extends View<Board> {
  /** Keys the view drew when it started: what the model held then. */
  readonly drawnAtStart: string[];
  readonly added: string[] = [];
  readonly heldWhenDelivered: boolean[] = [];
  frames = 0;
  detached = false;
  ephemeral: [string, string][] = [];

  constructor(model: Board, session: ViewHost) {
    super(model, session);
    this.drawnAtStart = [...model.items.keys()];
    this.subscribe('board', 'added', (item) => {
      const key = (item as Item).key;
      this.added.push(key);
      // Delivered after the handler ran: the model already holds the item.
      this.heldWhenDelivered.push(this.model.items.get(key) === item);
    });
    this.subscribeEphemeral((from, data) => this.ephemeral.push([from, new TextDecoder().decode(data)]));
  }

  override update(): void {
    this.frames++;
  }

  override detach(): void {
    super.detach();
    this.detached = true;
  }
}

function join(url: string, name: string): Promise<Session<Board>> {
  return joinSession(url, 'views', name, Board, { view: RecordingView }).then((s) => (sessions.push(s), s));
}

const viewOf = (s: Session<Board>) => s.view as RecordingView;

describe('views', () => {
  it('get model events after the model handled them, and a frame update', async () => {
    host = await startHost({ policy: { tickMs: 30 } });
    const a = await join(host.url, 'A');
    for (let i = 0; i < 5; i++) a.publish('board', 'add', { key: `k${i}`, label: '', by: 'A' });
    await until(() => viewOf(a).added.length === 5, 'the view to hear of all five');
    expect(viewOf(a).added).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
    expect(viewOf(a).heldWhenDelivered.every(Boolean)).toBe(true);
    await until(() => viewOf(a).frames > 3, 'frame updates');
  });

  it('of a late joiner start from what the snapshot and log already hold', async () => {
    host = await startHost({ policy: { tickMs: 30, snapshotEveryEvents: 10 } });
    const a = await join(host.url, 'A');
    for (let i = 0; i < 25; i++) a.publish('board', 'add', { key: `k${i}`, label: '', by: 'A' });
    await until(() => a.model.items.size === 25 && host!.reflector.board('views')!.board.snapshot !== null, 'a snapshot');
    const b = await join(host.url, 'B');
    expect(viewOf(b).drawnAtStart).toHaveLength(25);
    expect(viewOf(b).added).toEqual([]); // the catch-up is not replayed to the view
  });

  it('relay ephemeral messages to the others only, without logging them', async () => {
    host = await startHost({ policy: { tickMs: 30 } });
    const [a, b, c] = await Promise.all([join(host.url, 'A'), join(host.url, 'B'), join(host.url, 'C')]);
    await until(() => a.model.present.size === 3, 'all three to be present');
    const seqBefore = host.reflector.board('views')!.board.lastSeq;
    viewOf(a).publishEphemeral(new TextEncoder().encode('cursor 10,20'));
    await until(() => viewOf(b).ephemeral.length === 1 && viewOf(c).ephemeral.length === 1, 'the cursor to arrive');
    expect(viewOf(b).ephemeral).toEqual([[a.viewId, 'cursor 10,20']]);
    expect(viewOf(a).ephemeral).toEqual([]);
    expect(host.reflector.board('views')!.board.lastSeq).toBe(seqBefore);
  });

  it('stay up (read-only) after the host ends the session, and come down when it is left', async () => {
    host = await startHost();
    const a = await join(host.url, 'A');
    const view = viewOf(a);
    host.reflector.board('views')!.kick(a.viewId, CloseCode.Removed, 'removed');
    await until(() => a.status === 'closed', 'the session ended by the host');
    expect(view.detached).toBe(false); // what was on screen stays there to be read or kept
    a.leave();
    expect(view.detached).toBe(true);
  });
});

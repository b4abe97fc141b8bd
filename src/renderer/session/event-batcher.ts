/**
 * Sends this user's events to the reflector in as few frames as keeps them prompt: an idle client sends
 * once the current task ends (events published together travel together); a busy one at most one frame
 * per `intervalMs`, the rule the reflector follows for its broadcasts. A client streaming events then
 * costs the reflector one frame to open and check per display frame instead of one per event.
 * It also keeps within the reflector's event rate (by a bucket of its own, a tenth slower), so a burst
 * (hundreds of events resent after an outage, a large paste) goes out paced instead of being refused.
 */
import { BATCH_MS, LIMITS } from '../../shared/protocol';
import { RateLimiter } from '../../shared/rate-limiter';

/** The pace this client keeps: under the reflector's limit, so clocks that differ a little never matter. */
const pace = () => new RateLimiter(LIMITS.eventRate.perSecond * 0.9, Math.floor(LIMITS.eventRate.burst * 0.9));
/** When over the pace, wait until this many events may go (fewer, larger frames). */
const PACED_CHUNK = 30;

export interface OutgoingEvent {
  cseq: number;
  data: Uint8Array;
}

export type SendEvents = (first: number, data: Uint8Array[]) => void;

/** Room left in a frame for everything but the payloads (msgpack framing, the seal). */
const FRAME_SLACK = 1024;
/** msgpack's header for one binary payload, at most. */
const PER_EVENT_OVERHEAD = 5;

/** Splits events into runs of consecutive cseqs, each within the protocol's per-frame limits. */
export function eventFrames(events: readonly OutgoingEvent[]): OutgoingEvent[][] {
  const frames: OutgoingEvent[][] = [];
  let frame: OutgoingEvent[] = [];
  let bytes = 0;
  for (const e of events) {
    const size = e.data.length + PER_EVENT_OVERHEAD;
    const last = frame[frame.length - 1];
    const fits = frame.length < LIMITS.maxEventsPerFrame && bytes + size <= LIMITS.maxFrameBytes - FRAME_SLACK;
    if (last !== undefined && (!fits || e.cseq !== last.cseq + 1)) {
      frames.push(frame);
      frame = [];
      bytes = 0;
    }
    frame.push(e);
    bytes += size;
  }
  if (frame.length > 0) frames.push(frame);
  return frames;
}

export class EventBatcher {
  private queue: OutgoingEvent[] = [];
  private scheduled = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastSent = -Infinity;
  private rate = pace();

  constructor(
    private readonly send: SendEvents,
    private readonly intervalMs = BATCH_MS,
  ) {}

  push(event: OutgoingEvent): void {
    this.queue.push(event);
    this.schedule();
  }

  /** Sends what is queued, now, as far as the pace allows; the rest follows when it does. */
  flush(): void {
    this.cancel();
    if (this.queue.length === 0) return;
    const allowed = this.rate.available();
    if (allowed === 0) return this.schedule();
    this.lastSent = performance.now();
    const sending = this.queue.slice(0, allowed);
    this.queue = this.queue.slice(allowed);
    this.rate.take(sending.length);
    for (const frame of eventFrames(sending)) this.send(frame[0]!.cseq, frame.map((e) => e.data));
    if (this.queue.length > 0) this.schedule();
  }

  /**
   * Forgets what is queued and sends `events` instead (after a reconnect: all not yet acknowledged), on a
   * new connection, whose reflector-side bucket starts full.
   */
  resend(events: readonly OutgoingEvent[]): void {
    this.clear();
    this.rate = pace();
    this.queue = [...events];
    this.flush();
  }

  /** Forgets what is queued: the connection went, and the session resends from its own list. */
  clear(): void {
    this.cancel();
    this.queue = [];
  }

  /** Events waiting for their turn. */
  get waiting(): number {
    return this.queue.length;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const wait = Math.max(this.lastSent + this.intervalMs - performance.now(), this.rate.msUntil(Math.min(this.queue.length, PACED_CHUNK)));
    if (wait <= 0) queueMicrotask(() => this.flush());
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  private cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.scheduled = false;
  }
}

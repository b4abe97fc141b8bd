/** Messages scheduled with `future(ms)`: a binary heap ordered by (time, order), so ties run in scheduling order. */
export interface FutureMessage {
  time: number;
  order: number;
  target: string;
  method: string;
  args: unknown[];
}

const before = (a: FutureMessage, b: FutureMessage): boolean => a.time < b.time || (a.time === b.time && a.order < b.order);

export class FutureQueue {
  private heap: FutureMessage[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(msg: FutureMessage): void {
    const h = this.heap;
    h.push(msg);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  /** Removes and returns the earliest message due at or before `time`. */
  popDue(time: number): FutureMessage | undefined {
    const h = this.heap;
    if (h.length === 0 || h[0]!.time > time) return undefined;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l]!, h[m]!)) m = l;
        if (r < h.length && before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }

  /** All messages in execution order: the canonical form for snapshots (heap layout is not). */
  sorted(): FutureMessage[] {
    return [...this.heap].sort((a, b) => (before(a, b) ? -1 : 1));
  }

  static from(messages: FutureMessage[]): FutureQueue {
    const q = new FutureQueue();
    for (const m of messages) q.push(m);
    return q;
  }
}

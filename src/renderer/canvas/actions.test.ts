import { describe, expect, it } from 'vitest';
import { LIMITS } from '../board/shape';
import { encodeViewEvent } from '../engine/view-events';
import { LIMITS as WIRE } from '../../shared/protocol';
import { boardActions, eventParts } from './actions';

describe('board actions', () => {
  it('send an operation too large for one event as parts, each within the limits, all but the last saying more follows', () => {
    const sent: { event: string; data: { ids: string[]; more?: boolean } }[] = [];
    const actions = boardActions({ viewId: 'viewA', publish: (_scope, event, data) => sent.push({ event, data: data as never }) });
    const ids = Array.from({ length: 12_345 }, (_, i) => `shape-with-a-longish-id-${i}`);
    actions.remove(ids);
    expect(sent.length).toBeGreaterThan(Math.ceil(ids.length / LIMITS.maxShapesPerEvent)); // the bytes cut it finer than the count
    expect(sent.flatMap((s) => s.data.ids)).toEqual(ids);
    for (const [i, s] of sent.entries()) {
      expect(s.data.ids.length).toBeLessThanOrEqual(LIMITS.maxShapesPerEvent);
      expect(encodeViewEvent('board', 'delete', s.data).length).toBeLessThanOrEqual(WIRE.maxEventBytes);
      expect(s.data.more).toBe(i < sent.length - 1 ? true : undefined);
    }
  });

  it('send a small operation as one event, and nothing for none', () => {
    expect(eventParts('delete', ['a', 'b'], (ids) => ({ ids }))).toEqual([['a', 'b']]);
    expect(eventParts('delete', [], (ids) => ({ ids }))).toEqual([]);
  });
});

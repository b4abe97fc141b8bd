/** `--snapshot-every N` and `--snapshot-seconds N`, as the headless host and the browser app take them. */
import type { BoardPolicy } from '../reflector/board-session';

export const SNAPSHOT_OPTIONS = {
  'snapshot-every': { type: 'string' },
  'snapshot-seconds': { type: 'string' },
} as const;

/** The policy those options ask for; `fail` is told of a value that is not a whole number above 0. */
export function snapshotPolicy(values: { 'snapshot-every'?: string; 'snapshot-seconds'?: string }, fail: (message: string) => never): Partial<BoardPolicy> {
  const count = (option: keyof typeof SNAPSHOT_OPTIONS): number | undefined => {
    const text = values[option];
    if (text === undefined) return undefined;
    const n = Number(text);
    return Number.isInteger(n) && n > 0 ? n : fail(`bad --${option} ${text}`);
  };
  const every = count('snapshot-every');
  const seconds = count('snapshot-seconds');
  return { ...(every ? { snapshotEveryEvents: every } : {}), ...(seconds ? { snapshotEveryMs: seconds * 1000 } : {}) };
}

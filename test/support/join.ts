/** Joins a headless replica the way every test does: Node's ws and zlib, the test secret, quick retries. */
import type { Model } from '../../src/renderer/engine/model';
import { Session, type SessionOptions } from '../../src/renderer/session/session';
import { SECRET } from './host';
import { wsFactory, zlibCompressor } from './node-platform';

export function joinSession<M extends Model>(
  url: string,
  board: string,
  name: string,
  model: SessionOptions<M>['model'],
  extra: Partial<SessionOptions<M>> = {},
): Promise<Session<M>> {
  return Session.join<M>({
    url,
    board,
    secret: SECRET,
    user: { name, color: '#3355aa' },
    model,
    webSocket: wsFactory,
    compressor: zlibCompressor,
    reconnectDelayMs: { min: 20, max: 300 },
    ...extra,
  });
}

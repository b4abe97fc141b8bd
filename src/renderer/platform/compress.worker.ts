/** Snapshot (de)compression off the thread the model runs on. */
import { deflate, inflate } from 'pako';

interface Request {
  id: number;
  op: 'deflate' | 'inflate';
  bytes: Uint8Array;
}

self.onmessage = (event: MessageEvent<Request>) => {
  const { id, op, bytes } = event.data;
  try {
    const out = op === 'deflate' ? deflate(bytes, { level: 6 }) : inflate(bytes);
    (self as unknown as Worker).postMessage({ id, bytes: out }, [out.buffer]);
  } catch (error) {
    (self as unknown as Worker).postMessage({ id, error: String(error) });
  }
};

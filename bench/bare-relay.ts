/**
 * The baseline relay: a bare ws server that stamps each message with a sequence number and time and
 * sends it on to every client at once, unbatched, with no validation, auth, log or limits.
 */
import { Packr } from 'msgpackr';
import { WebSocketServer } from 'ws';

const packr = new Packr({ useRecords: false });
const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
const start = performance.now();
let seq = 0;
wss.on('connection', (ws) => {
  ws.on('message', (data: Buffer) => {
    const msg = packr.unpack(data) as { from: string; cseq: number; data: Uint8Array };
    const frame = packr.pack([++seq, Math.floor(performance.now() - start), msg.from, msg.cseq, msg.data]);
    for (const client of wss.clients) client.send(frame);
  });
});
wss.on('listening', () => console.log(`listening on ws://127.0.0.1:${(wss.address() as { port: number }).port}`));

/**
 * A headless joiner, run on its own (virtual) host: finds the session by invite code, agrees a key,
 * loads the board, draws one rectangle and reports, as one JSON line, what it found and what it holds.
 *   node --import tsx test/lan/join-by-code.ts CODE DISCOVERY_PORT NAME
 */
import { BoardModel } from '../../src/renderer/board/board-model';
import { Session, SessionRefusedError } from '../../src/renderer/session/session';
import { parseInviteCode } from '../../src/shared/invite-code';
import { findSession } from '../../src/main/lan/discovery';
import { stateHash } from '../support/events';
import { wsFactory, zlibCompressor } from '../support/node-platform';

const [codeText, portText, name] = process.argv.slice(2);
const report = (value: object) => {
  console.log(`RESULT ${JSON.stringify(value)}`);
  process.exit(0);
};

async function main(): Promise<void> {
  const invite = parseInviteCode(codeText ?? '');
  if (invite === null) return report({ error: 'not a code' });
  const found = await findSession(invite.session, { port: Number(portText), timeoutMs: 5000 });
  if (found === null) return report({ error: 'no host found' });
  if (found === 'ended') return report({ error: 'code ended' });
  const where = { address: found.address, port: found.port, via: found.via, name: found.name };
  let session: Session<BoardModel>;
  try {
    session = await Session.join({
      url: `ws://${found.address}:${found.port}/`,
      board: invite.session,
      secret: invite.password,
      user: { name: name ?? 'joiner', color: '#2f9e44' },
      model: BoardModel,
      webSocket: wsFactory,
      compressor: zlibCompressor,
    });
  } catch (error) {
    return report({ found: where, error: (error as Error).message, code: error instanceof SessionRefusedError ? error.code : null });
  }
  const id = `shape-${session.viewId}`;
  session.publish('board', 'create', { shapes: [{ id, kind: 'rect', x: 10, y: 10, w: 80, h: 50 }] });
  while (!session.model.shapes.has(id)) await new Promise((r) => setTimeout(r, 10));
  report({ found: where, shapes: [...session.model.order].sort(), hash: await stateHash(session.vm!) });
}

void main();

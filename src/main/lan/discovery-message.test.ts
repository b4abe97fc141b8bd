import { describe, expect, it } from 'vitest';
import { decodeDiscovery, encodeDiscovery, type DiscoveryAnnounce } from './discovery-message';

const announce: DiscoveryAnnounce = { lanvas: 1, type: 'announce', session: 'k7m2', name: 'Team board', host: 'studio', port: 41234, protocol: 2, via: 'multicast' };

describe('discovery datagrams', () => {
  it('round-trip a query and an announcement', () => {
    expect(decodeDiscovery(encodeDiscovery(announce))).toEqual(announce);
    const query = { lanvas: 1, type: 'query', session: 'k7m2', via: 'broadcast' } as const;
    expect(decodeDiscovery(encodeDiscovery(query))).toEqual(query);
    const bye = { lanvas: 1, type: 'bye', session: 'k7m2', port: 41234, via: 'multicast' } as const;
    expect(decodeDiscovery(encodeDiscovery(bye))).toEqual(bye);
  });

  it('never carry more than they should: extra fields are dropped', () => {
    const sneaky = Buffer.from(JSON.stringify({ ...announce, password: 'QX9P4TRW' }));
    expect(decodeDiscovery(sneaky)).toEqual(announce);
  });

  it('ignore anything else on the port: other apps, garbage, bad fields, oversize', () => {
    const bad = [
      Buffer.from('not json'),
      Buffer.from('null'),
      Buffer.from(JSON.stringify({ ...announce, lanvas: 2 })),
      Buffer.from(JSON.stringify({ ...announce, session: 'K7M2Q' })),
      Buffer.from(JSON.stringify({ ...announce, session: 'ulil' })),
      Buffer.from(JSON.stringify({ ...announce, port: 70000 })),
      Buffer.from(JSON.stringify({ ...announce, name: '' })),
      Buffer.from(JSON.stringify({ ...announce, via: 'carrier pigeon' })),
      Buffer.from(JSON.stringify({ ...announce, type: 'hello' })),
      Buffer.from(JSON.stringify({ ...announce, name: 'x'.repeat(2000) })),
    ];
    for (const bytes of bad) expect(decodeDiscovery(bytes)).toBeNull();
  });
});

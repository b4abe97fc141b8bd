import { describe, expect, it } from 'vitest';
import { appLink, parseAppLink, parseJoinInput, webLink } from './join-link';

describe('join links', () => {
  it('round-trip the app link, with and without the host address', () => {
    expect(parseAppLink(appLink('K7M2-QX9P-4TRW'))).toEqual({ code: 'K7M2-QX9P-4TRW' });
    expect(parseAppLink(appLink('K7M2-QX9P-4TRW', '10.0.0.5:41234'))).toEqual({ code: 'K7M2-QX9P-4TRW', address: '10.0.0.5:41234' });
    expect(parseAppLink('lanvas://join/k7m2qx9p4trw')).toEqual({ code: 'K7M2-QX9P-4TRW' });
  });

  it('read the app link as launchers pass it: any case in the scheme and host, a trailing slash', () => {
    expect(parseAppLink('LANVAS://JOIN/K7M2-QX9P-4TRW')).toEqual({ code: 'K7M2-QX9P-4TRW' });
    expect(parseAppLink('Lanvas://join/K7M2-QX9P-4TRW/')).toEqual({ code: 'K7M2-QX9P-4TRW' });
    expect(parseAppLink('lanvas://join/K7M2-QX9P-4TRW/?host=10.0.0.5:41234')).toEqual({ code: 'K7M2-QX9P-4TRW', address: '10.0.0.5:41234' });
  });

  it('refuse anything else', () => {
    for (const text of ['https://example.com/join/K7M2-QX9P-4TRW', 'lanvas://open/K7M2-QX9P-4TRW', 'lanvas://join/nope', 'lanvas://join/K7M2-QX9P-4TRW?host=evil.example:80', 'not a url']) {
      expect(parseAppLink(text)).toBeNull();
    }
  });

  it('read what a person pastes to join: a code, the app link or the web link', () => {
    expect(parseJoinInput(' k7m2 qx9p 4trw ')).toEqual({ code: 'K7M2-QX9P-4TRW' });
    expect(parseJoinInput('lanvas://join/K7M2-QX9P-4TRW?host=10.0.0.5:41234')).toEqual({ code: 'K7M2-QX9P-4TRW', address: '10.0.0.5:41234' });
    expect(parseJoinInput('http://10.0.0.5:41234/#code=K7M2-QX9P-4TRW')).toEqual({ code: 'K7M2-QX9P-4TRW', address: '10.0.0.5:41234' });
    expect(parseJoinInput('http://example.com/#code=K7M2-QX9P-4TRW')).toBeNull();
    expect(parseJoinInput('hello')).toBeNull();
  });

  it('make the web form for the page the host serves', () => {
    const share = { board: 'b', name: 'B', code: 'K7M2-QX9P-4TRW', session: 'k7m2', port: 41234, addresses: ['10.0.0.5'] };
    expect(webLink(share, '10.0.0.5')).toBe('http://10.0.0.5:41234/#code=K7M2-QX9P-4TRW');
  });
});

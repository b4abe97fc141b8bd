import { describe, expect, it } from 'vitest';
import { linkAddresses } from './addresses';

describe('linkAddresses', () => {
  it('names each LAN address (and loopback) for a listener on every interface, never the wildcard', () => {
    expect(linkAddresses('0.0.0.0', ['10.0.0.5', '192.168.1.20'])).toEqual(['10.0.0.5', '192.168.1.20', '127.0.0.1']);
    expect(linkAddresses('::', [])).toEqual(['127.0.0.1']);
  });
  it('names the one address a listener is bound to', () => {
    expect(linkAddresses('10.0.0.5', ['10.0.0.5', '192.168.1.20'])).toEqual(['10.0.0.5']);
  });
});

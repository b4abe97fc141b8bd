import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStaticPath } from './static-server';

const root = path.resolve('/srv/web');

describe('static paths', () => {
  it('map to files inside the build folder', () => {
    expect(resolveStaticPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/a.js?v=1')).toBe(path.join(root, 'assets/a.js'));
  });

  it('never leave it', () => {
    for (const p of ['/../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/../../x', '/%00', '/%E0%A4%A']) {
      expect(resolveStaticPath(root, p), p).toBeNull();
    }
  });
});

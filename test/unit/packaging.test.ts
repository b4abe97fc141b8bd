/**
 * The packaging configuration says what the issue asks of an installer: every platform's targets, the
 * lanvas:// protocol, an icon, and fuses that lock a release build down (with only the inspector
 * arguments Playwright needs kept in a test build). Building installers needs the network, so this
 * checks the configuration electron-builder will read.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

interface BuilderConfig {
  linux: { target: string[]; mimeTypes?: string[]; icon: string };
  npmRebuild: boolean;
  deb?: { depends?: string[] };
  mac: { target: string[] };
  win: { target: string[] };
  protocols: unknown;
  icon: string;
  files: string[];
  electronFuses: Record<string, boolean>;
}

/** The configuration as electron-builder loads it, in a fresh Node with the build kind set. */
function load(test: boolean): BuilderConfig {
  const script = "console.log(JSON.stringify((await import('./electron-builder.config.mjs')).default))";
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, LANVAS_TEST_BUILD: test ? '1' : '' }, encoding: 'utf8' });
  return JSON.parse(out) as BuilderConfig;
}

describe('the packaging configuration', () => {
  it('targets AppImage and deb, dmg and nsis, registers lanvas:// and has an icon', async () => {
    const config = load(false);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.protocols).toEqual([{ name: 'Lanvas invite', schemes: ['lanvas'] }]);
    expect(config.linux.mimeTypes).toBeUndefined(); // the protocol adds it once
    expect(config.npmRebuild).toBe(false);
    expect(config.deb?.depends).toBeUndefined(); // electron-builder's defaults (xdg-utils and the rest)
    const icon = fs.readFileSync(config.icon);
    expect(icon.subarray(1, 4).toString()).toBe('PNG');
    expect(icon.readUInt32BE(16)).toBeGreaterThanOrEqual(512); // width
    expect(config.files).toEqual(['out/**', 'package.json']);
  });

  it('gives Linux desktops an icon set: PNGs from 16 to 512 px, each named by its size', () => {
    const { icon: dir } = load(false).linux;
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      const png = fs.readFileSync(`${dir}/${size}x${size}.png`);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });

  it('locks a release build down, and keeps only the inspector arguments open in a test build', async () => {
    const release = (load(false)).electronFuses;
    expect(release).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true, enableEmbeddedAsarIntegrityValidation: true });
    const test = (load(true)).electronFuses;
    expect(test).toEqual({ ...release, enableNodeCliInspectArguments: true });
  });
});

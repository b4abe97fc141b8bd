// Packaging with electron-builder: `npm run dist` (needs network access to download Electron and the
// packaging tools). LANVAS_TEST_BUILD=1 keeps the one fuse Playwright's Electron driver needs (the
// Node inspector arguments it launches the app with); release builds turn it off.
const testBuild = process.env.LANVAS_TEST_BUILD === '1';

/** @type {import('electron-builder').Configuration} */
export default {
  appId: 'app.lanvas.desktop',
  productName: 'Lanvas',
  copyright: 'Copyright © 2026 the Lanvas authors',
  directories: { output: 'dist', buildResources: 'resources' },
  files: ['out/**', 'package.json'],
  asar: true,
  // msgpackr's prebuilt native part is already in node_modules; a rebuild would need compilers.
  npmRebuild: false,
  icon: 'resources/icon.png',
  // lanvas://join/<code> opens the join flow (see src/main/deep-links.ts).
  protocols: [{ name: 'Lanvas invite', schemes: ['lanvas'] }],
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Graphics',
    maintainer: 'The Lanvas authors',
    // The hicolor sizes a Linux desktop looks up, each drawn from icon.svg (scripts/render-icon.mjs).
    icon: 'resources/icons',
    // `protocols` above already registers x-scheme-handler/lanvas; listing it here too would repeat it.
    desktop: { entry: { StartupWMClass: 'Lanvas' } },
  },
  // electron-builder's own deb dependencies (GTK, NSS, xdg-utils for the lanvas:// handler...) are kept.
  mac: {
    target: ['dmg'],
    category: 'public.app-category.productivity',
    // macOS asks before an app talks to the local network; this is the reason it shows.
    extendInfo: { NSLocalNetworkUsageDescription: 'Lanvas finds and joins whiteboards shared on your local network.' },
  },
  win: { target: ['nsis'] },
  nsis: { oneClick: false, allowToChangeInstallationDirectory: true, perMachine: false },
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: testBuild,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    // The renderer loads its module scripts from file://, which needs the file protocol's privileges.
    grantFileProtocolExtraPrivileges: true,
  },
};

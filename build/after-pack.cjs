// electron-builder afterPack hook: flips the Electron fuses of the packaged binary
// so it cannot be used as a plain Node runtime or made to load code from outside the
// asar. It runs before signing, as fuses must. @electron/fuses normally comes with
// electron-builder; without it the build goes on, with a loud warning.
'use strict';

const path = require('node:path');

/** Where the Electron executable sits in the unpacked app, per platform. */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
  }
  if (electronPlatformName === 'win32')
    return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return path.join(appOutDir, packager.executableName);
}

function loadFuses() {
  try {
    return require('@electron/fuses');
  } catch (error) {
    console.warn(
      `[after-pack] @electron/fuses is not installed (${error.message}); the Electron fuses were NOT flipped.`,
    );
    return undefined;
  }
}

/** The fuse settings, keyed by FuseV1Options; fuses not named keep Electron's default. */
function fuseConfig(fuses, electronPlatformName) {
  const { FuseV1Options, FuseVersion } = fuses;
  return {
    version: FuseVersion.V1,
    // Flipping breaks the ad-hoc signature an unsigned macOS (arm64) build needs to start;
    // a signed build is signed again after this hook anyway.
    resetAdHocDarwinSignature: electronPlatformName === 'darwin' || electronPlatformName === 'mas',
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.EnableCookieEncryption]: true,
  };
}

async function afterPack(context) {
  const fuses = loadFuses();
  if (!fuses) return;
  const binary = electronBinaryPath(context);
  await fuses.flipFuses(binary, fuseConfig(fuses, context.electronPlatformName));
  console.log(`[after-pack] Electron fuses flipped in ${binary}`);
}

module.exports = afterPack;
module.exports.afterPack = afterPack;
module.exports.electronBinaryPath = electronBinaryPath;

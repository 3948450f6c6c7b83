// What the bin needs before the command line runs, built by scripts/build-bundle.mjs into one small
// CommonJS file (dist/cli/launch.cjs): the bin is CommonJS, so Node starts it without its ES module loader.

export { isBareVersion, readVersion, versionText } from './version.js';
export { startFromBundle } from './boot.js';

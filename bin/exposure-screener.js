#!/usr/bin/env node
// `--version` alone is answered from the one small module that knows it: a version check in a CI job then
// costs about what Node's own start does. Everything else, and all other output, goes through cli/main:
// from the start-up bundle with its code cache when this Node accepts it (src/cli/boot.ts), else from dist.
const version = await import('../dist/cli/version.js');
if (version.isBareVersion(process.argv)) process.stdout.write(version.versionText(version.readVersion()));
else if (!(await import('../dist/cli/boot.js')).startFromBundle()) await import('../dist/cli/main.js');

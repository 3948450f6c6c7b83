#!/usr/bin/env node
// CommonJS (bin/package.json): Node starts it without its ES module loader. `--version` alone is answered
// from dist/cli/launch.cjs (version.ts), which knows it: a version check in a CI job then costs about what
// Node's own start does. Everything else, and all other output, goes through cli/main: from the start-up
// bundle with its code cache when this Node accepts it (src/cli/boot.ts), else from dist/cli/main.js.
'use strict';
let launch = null;
try {
  launch = require('../dist/cli/launch.cjs');
} catch {
  // A build without the bundle (tsc alone): main.js answers --version too.
}
if (launch !== null && launch.isBareVersion(process.argv)) process.stdout.write(launch.versionText(launch.readVersion()));
else if (launch === null || !launch.startFromBundle()) void import('../dist/cli/main.js');

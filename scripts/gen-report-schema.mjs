// Writes data/report.schema.json from the zod schema of the JSON report (src/report/json-schema.ts).
// Run after `npm run build`: node scripts/gen-report-schema.mjs
// test/report/json-schema.test.ts fails when the committed file differs from what this writes.

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { reportJsonSchemaText } from '../dist/report/json-schema.js';

const target = fileURLToPath(new URL('../data/report.schema.json', import.meta.url));
writeFileSync(target, reportJsonSchemaText());
process.stdout.write(`wrote ${target}\n`);

// data/fund-snapshots.json as text: what the generator writes and the drift test compares.

import { SnapshotManifestSchema, type SnapshotsFile } from './dataset/funds-schema.js';
import type { DatasetFile } from './dataset/schema.js';
import { buildMatchIndex } from './match/build-index.js';
import { buildSnapshot } from './snapshot.js';

/** Renders the snapshots file from the manifest, reading each named file through `read`. */
export function renderSnapshotsFile(read: (file: string) => Uint8Array, manifestJson: unknown, dataset: DatasetFile): string {
  const manifest = SnapshotManifestSchema.parse(manifestJson);
  const index = buildMatchIndex(dataset);
  const file: SnapshotsFile = {
    $schema: './fund-snapshots.schema.json',
    generatedFrom:
      'data/fund-snapshots.manifest.json and the files it names under fixtures/real/; regenerate with `npm run build && node scripts/gen-fund-snapshots.mjs`',
    snapshots: manifest.snapshots.map((entry) => buildSnapshot(entry, read(entry.file), dataset, index)),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

import { DatasetFileSchema, type DatasetFile } from './schema.js';
import { RULES, type RuleContext } from './rules.js';

export type ValidationResult =
  | { readonly ok: true; readonly dataset: DatasetFile; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly errors: readonly string[]; readonly warnings: readonly string[] };

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc === '' ? String(key) : `${acc}.${String(key)}`),
    '',
  );
}

/** Validates a parsed data file: the schema first, then every cross-record rule. Pure. */
export function validateDataset(json: unknown): ValidationResult {
  const parsed = DatasetFileSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => `${formatPath(i.path) || '(root)'}: ${i.message}`), warnings: [] };
  }
  const errors: string[] = [];
  const warnings: string[] = [];
  const ctx: RuleContext = {
    file: parsed.data,
    error: (path, message) => errors.push(`${path}: ${message}`),
    warn: (path, message) => warnings.push(`${path}: ${message}`),
  };
  for (const rule of RULES) rule(ctx);
  return errors.length > 0 ? { ok: false, errors, warnings } : { ok: true, dataset: parsed.data, warnings };
}

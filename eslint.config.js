// One linter, type-aware (typescript-eslint on the TypeScript project service): `npm run lint`, run in CI.
// The module boundaries of the README's architecture section are said here too, so that the editor shows a
// crossing as it is typed; test/architecture.test.ts stays their owner and checks what a rule cannot say
// (model.ts holds types only, reporters import only rendering libraries at run time).

import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const OFFLINE = 'The tool works offline.';
const NETWORK = ['net', 'http', 'https', 'http2', 'dgram', 'tls'].flatMap((m) => [`node:${m}`, m]);
const FILE_SYSTEM = ['fs', 'fs/promises', 'child_process'].flatMap((m) => [`node:${m}`, m]);

/** no-restricted-imports for one part of src/: what it may not import, each with the boundary it crosses. */
function boundaries({ fileSystem = false, cli = false, reporters = false, core = false }) {
  const paths = [...NETWORK, 'undici', 'axios', 'node-fetch'].map((name) => ({ name, message: OFFLINE }));
  if (!fileSystem) {
    const message = 'The file system is touched only by the loaders, the readers and src/cli/.';
    paths.push(...FILE_SYSTEM.map((name) => ({ name, message })));
  }
  const patterns = [];
  if (!cli) patterns.push({ group: ['**/cli/*'], message: 'Nothing outside src/cli/ imports src/cli/.' });
  if (!reporters) patterns.push({ group: ['**/report/*'], message: 'Only src/cli/ and the package entry import the reporters.' });
  if (core) {
    paths.push({ name: 'chalk', message: 'The core does not reach the terminal.' });
    paths.push({ name: 'commander', message: 'The core does not reach the command line.' });
    patterns.push({ group: ['node:*'], message: 'The core is pure: I/O stays at the edges.' });
  }
  return ['error', { paths, patterns }];
}

const TERMINAL = 'Only src/cli/main.ts writes to the terminal or sets the exit code: return a value and let it print.';
const READERS = [
  'src/io/**',
  'src/dataset/load.ts',
  'src/dataset/bundled.ts',
  'src/ingest/read.ts',
  'src/ingest/stream.ts',
  'src/lists/read.ts',
];
const CORE = ['src/screen.ts', 'src/memo.ts', 'src/normalize/**', 'src/match/**', 'src/look-through/**', 'src/exposure/**'];

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'fixtures/', 'data/', 'bench/', '.bench/', 'examples/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        // Each file is typed by its nearest tsconfig; the bin and the tool configs belong to none.
        projectService: { allowDefaultProject: ['bin/*.js', '*.config.js', '*.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },

  // The source: no `any` reaches a value (no-unsafe-*, on from recommendedTypeChecked), no `as` but `as const`.
  {
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-assertions': ['error', { assertionStyle: 'never' }],
      'no-restricted-imports': boundaries({}),
      'no-restricted-properties': [
        'error',
        { object: 'console', message: TERMINAL },
        ...['exit', 'exitCode', 'stdout', 'stderr'].map((property) => ({ object: 'process', property, message: TERMINAL })),
        {
          property: 'localeCompare',
          message: 'compareText (src/order.ts): the same order on every machine, without starting ICU at run time.',
        },
      ],
      'no-restricted-globals': ['error', { name: 'fetch', message: OFFLINE }],
    },
  },
  { files: ['src/index.ts'], rules: { 'no-restricted-imports': boundaries({ reporters: true }) } },
  { files: ['src/report/**'], rules: { 'no-restricted-imports': boundaries({ reporters: true }) } },
  { files: READERS, rules: { 'no-restricted-imports': boundaries({ fileSystem: true }) } },
  { files: ['src/cli/**'], rules: { 'no-restricted-imports': boundaries({ fileSystem: true, cli: true, reporters: true }) } },
  { files: ['src/cli/main.ts'], rules: { 'no-restricted-properties': 'off' } },
  {
    files: CORE,
    rules: {
      'no-restricted-imports': boundaries({ core: true }),
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: OFFLINE },
        { name: 'process', message: 'The core does not reach the process: what it needs comes in as arguments.' },
      ],
    },
  },

  // Tests, scripts, the bin: they assert on and print JSON from a spawned CLI or a file, `any` by its type;
  // the no-unsafe-* family is a rule of the source. no-explicit-any still holds everywhere.
  {
    files: ['test/**', 'scripts/**', 'bin/**', '*.config.*'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  // The bin is CommonJS (bin/package.json), so Node starts it without its ES module loader.
  { files: ['bin/**'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // The list importers keep the parse → normalize → rules shape of src/dataset/: small functions, shallow nesting,
  // so that each decision stays one function that can be read and tested alone (scripts/function-shape.mjs measures it).
  {
    files: ['src/lists/**'],
    rules: {
      'max-depth': ['error', 4],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
);

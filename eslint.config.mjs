import js from '@eslint/js'
import importPlugin from 'eslint-plugin-import'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const features = ['bulletin', 'board', 'campaigns', 'people', 'staff']

// contract/ modules that build no zod schema: the only ones src/ may import values from (types
// may come from any). Importing a value from any other contract module puts zod (~90 KB) into
// the weapp's main package. These modules import zod nowhere, nor values from other modules.
const zodFree = [
  'activities.labels',
  'campaigns.labels',
  'envelope',
  'limits',
  'months',
  'scoring',
  'time',
  'writes',
]
const onlyZodFree = (prefix) => [`${prefix}*`, ...zodFree.map((m) => `!${prefix}${m}`)]

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dist-h5/',
      'data/',
      'coverage/',
      'cloudfunctions/api/index.js',
      'cloudfunctions/api/lazy-*.js',
      '.swc/',
      '.stryker-tmp/',
      'reports/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, import: importPlugin },
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    settings: {
      'import/resolver': { typescript: true, node: true },
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
      'import/no-cycle': 'error',
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            // The contract is shared by both sides and depends on neither.
            { target: './contract', from: ['./src', './server', './cloudfunctions'] },
            // The mini-program reaches the server only through the API.
            { target: './src', from: ['./server', './cloudfunctions'] },
            { target: './server', from: ['./src'] },
            // Features never import each other (bulletproof-react).
            ...features.map((feature) => ({
              target: `./src/features/${feature}`,
              from: features.filter((f) => f !== feature).map((f) => `./src/features/${f}`),
            })),
          ],
        },
      ],
    },
  },
  {
    // The server ships as one small cloud function: spreadsheets are read and written by
    // server/shared/xlsx*.ts; exceljs stays a test-only cross-check. The CloudBase emulator
    // (tests/emulator) and its libraries are test tools: they never ship in the function.
    files: ['server/**', 'contract/**', 'cloudfunctions/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'exceljs', message: 'Use server/shared/xlsx.ts (test-only dependency).' },
            ...['mingo', 'bson', 'protobufjs'].map((name) => ({
              name,
              message: 'A dependency of the CloudBase emulator (tests/emulator), a test tool.',
            })),
          ],
          patterns: [
            {
              group: ['**/tests/**', '**/emulator/**', '**/emulator'],
              message: 'The CloudBase emulator and test helpers never ship in the function.',
            },
          ],
        },
      ],
    },
  },
  {
    // The mini-program imports values only from zod-free contract modules; types from any.
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...onlyZodFree('@contract/'), ...onlyZodFree('**/contract/')],
              allowTypeImports: true,
              message:
                'This contract module builds zod schemas: import its types with `import type`, ' +
                'and values from a zod-free module (eslint.config.mjs, zodFree).',
            },
            { group: ['zod', 'zod/*'], message: 'zod stays out of the mini-program.' },
          ],
        },
      ],
    },
  },
  {
    // The zod-free contract modules stay zod-free.
    files: zodFree.map((m) => `contract/${m}.ts`),
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: onlyZodFree('./'),
              allowTypeImports: true,
              message: 'A zod-free contract module imports values only from zod-free modules.',
            },
            { group: ['zod', 'zod/*'], message: 'This contract module stays zod-free.' },
          ],
        },
      ],
    },
  },
  {
    // Command-line scripts and benchmarks talk to their user on the console.
    files: ['scripts/**', 'tests/bench/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: { globals: globals.node, sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
)

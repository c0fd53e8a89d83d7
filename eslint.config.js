// @ts-check
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const reactHooks = require('eslint-plugin-react-hooks');
const globals = require('globals');

module.exports = tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'compose/native/lib/**', 'reports/**', 'test-results/**', 'vendor/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Services are plain Node: the Electron edge lives only in src-main/index.ts and hosts/electron.ts.
    files: ['src-main/services/**/*.ts', 'src-main/calls/**/*.ts', 'src-main/api.ts', 'src-main/backend.ts', 'src-main/active-cluster.ts', 'src-main/cli.ts', 'src-shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Services never import electron; inject what they need.' }] }] },
  },
  {
    // The back end reads in small units: a longer function is split into named parts.
    files: ['src-main/**/*.ts', 'src-shared/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80 }] },
  },
  { files: ['**/*.js'], languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { files: ['**/*.mjs'], languageOptions: { sourceType: 'module', globals: { ...globals.node } } },
);

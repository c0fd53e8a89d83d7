// @ts-check
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const reactHooks = require('eslint-plugin-react-hooks');
const importX = require('eslint-plugin-import-x');
const globals = require('globals');

// The path aliases (path-aliases.mjs; Node >= 20.19 requires an ES module), for the import resolver that follows cycles.
const { PATH_ALIASES } = require('./path-aliases.mjs');
const ALIASES = Object.fromEntries(Object.entries(PATH_ALIASES).map(([alias, folder]) => [alias, [folder]]));

// Layering. Flat config keeps only the last matching entry of a rule, so each layer's
// no-restricted-imports lists everything that layer may not import.
const CLIMBING = {
  group: ['../../*'],
  message: 'Import through a path alias (@shared/…, @main/…, @renderer/…, @test/…) instead of climbing two or more folders.',
};
const ELECTRON = { name: 'electron', message: 'Only src-main/index.ts, the Electron host and its adapters import electron; inject what a service needs.' };
const BACK_END = { group: ['@main/*'], message: 'The contract and the renderer never import the back end.' };
const RENDERER = { group: ['@renderer/*'], message: 'Only the renderer imports the renderer.' };
const WIRING = {
  group: ['@main/hosts/*', '@main/index', '@main/cli', '@main/cli-search', '@main/backend', '@main/api', '@main/calls/*'],
  message: 'Services and clients know nothing of the hosts or of how they are wired.',
};
const layer = (files, paths, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { paths, patterns: [CLIMBING, ...patterns] }] } });

module.exports = tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'compose/native/lib/**', 'reports/**', 'test-results/**', 'vendor/**', '*.d.mts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: __dirname } } },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'import-x': importX },
    // without the extensions and parser, import-x parses no .ts dependency and no-cycle sees nothing
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'], alias: ALIASES })],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  layer(['src-main/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'], [], []),
  layer(
    ['src-main/core/**/*.ts', 'src-main/calls/**/*.ts', 'src-main/api.ts', 'src-main/backend.ts', 'src-main/active-cluster.ts', 'src-main/cli*.ts'],
    [ELECTRON],
    [RENDERER],
  ),
  layer(['src-main/services/**/*.ts', 'src-main/clients/**/*.ts'], [ELECTRON], [RENDERER, WIRING]),
  layer(['src-shared/**/*.ts'], [ELECTRON], [BACK_END, RENDERER]),
  layer(['src-renderer/**/*.{ts,tsx}'], [ELECTRON], [BACK_END]),
  layer(['src-preload/**/*.ts'], [], [BACK_END, RENDERER]),
  // e2e specs run under Playwright's loader, which does not read the aliases: the one back-end helper they need is imported relatively.
  { files: ['test/e2e/**/*.ts'], rules: { 'no-restricted-imports': 'off' } },
  {
    // Code reads in small units: a longer function is split into named parts (tests' describe blocks excepted).
    files: ['src-main/**/*.ts', 'src-shared/**/*.ts', 'src-renderer/**/*.{ts,tsx}', 'src-preload/**/*.ts'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: { 'max-lines-per-function': ['error', { max: 80 }] },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.js'], languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { files: ['**/*.mjs'], languageOptions: { sourceType: 'module', globals: { ...globals.node } } },
);

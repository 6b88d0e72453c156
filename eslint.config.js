// Lint: typescript-eslint's recommended rules plus the house rules that a linter can keep:
// no console output outside the CLI (loggers are passed in), and dependencies that point one way
// (model ← codecs ← formats ← ingest/packaging/store ← live ← catalog ← http/cli ← server).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layers = ['model', 'codecs', 'formats', 'ingest|packaging|store', 'live', 'catalog', 'http|cli|config'];
function forbiddenFor(layerIndex) {
  const higher = layers.slice(layerIndex + 1).flatMap((l) => l.split('|'));
  return higher.map((dir) => ({ group: [`**/${dir}/**`, `../${dir}/*`, `../../${dir}/*`], message: `${layers[layerIndex]} must not depend on ${dir}` }));
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  ...layers.slice(0, -1).flatMap((layer, i) =>
    layer.split('|').map((dir) => ({
      files: [`src/${dir}/**/*.ts`],
      ignores: ['**/*.test.ts'],
      rules: { 'no-restricted-imports': ['error', { patterns: forbiddenFor(i) }] },
    })),
  ),
  { files: ['src/cli/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.js', 'test/**/*.ts'], rules: { 'no-console': 'off' } },
  // Plain Node scripts (not compiled): Node's globals.
  { files: ['scripts/**/*.mjs', 'scripts/**/*.js', 'eslint.config.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
);

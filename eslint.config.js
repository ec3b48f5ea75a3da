import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import platformBoundary from './eslint-rules/platform-boundary.js';

/** Files allowed past 300 lines, each with its reason. Keep this list short. */
const LONG_FILES = [
  'tests/store/store-contract.ts', // one contract suite run against every store; split, it would need shared state across files
  'tests/fakes/telegram/fake-bot-api.ts', // the fake Bot API: one HTTP server whose methods share its recorded state
];

// Dependency direction (ARCHITECTURE.md), enforced: each SDK stays in its own folder,
// and the pure digest core imports no SDK, no storage library, no I/O and no bot code.
const sdk = (name) => ({ name, message: `${name} may only be imported in src/bots/${name === 'telegraf' ? 'telegram' : 'discord'}/` });

// The pure digest core: no SDK, no storage library, no I/O.
const DIGEST_FORBIDDEN = [sdk('discord.js'), sdk('telegraf'), 'lowdb', 'pg', 'node-cron', 'node:fs', 'node:fs/promises', 'node:http', 'node:https', 'node:net'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The shape of the house: no import cycles, platforms behind the registry, small files.
    files: ['src/**/*.ts', 'tests/**/*.ts', 'bench/**/*.ts'],
    plugins: { 'import-x': importX, newsbot: { rules: { 'platform-boundary': platformBoundary } } },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js'],
    },
    rules: {
      'max-lines': ['error', { max: 300 }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'newsbot/platform-boundary': 'error',
    },
  },
  { files: LONG_FILES, rules: { 'max-lines': 'off' } },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/bots/discord/**', 'src/bots/telegram/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [sdk('discord.js'), sdk('telegraf')] }] },
  },
  {
    files: ['src/bots/discord/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [sdk('telegraf')] }] },
  },
  {
    files: ['src/bots/telegram/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [sdk('discord.js')] }] },
  },
  {
    // digest/ imports nothing outside itself but the model (and libraries).
    files: ['src/digest/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: DIGEST_FORBIDDEN, patterns: [{ group: ['../*', '!../model.js', 'lowdb/*'], message: 'src/digest imports only itself and ../model.js' }] }] },
  },
  {
    files: ['src/digest/*/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: DIGEST_FORBIDDEN, patterns: [{ group: ['../../*', '!../../model.js', 'lowdb/*'], message: 'src/digest imports only itself and ../../model.js' }] }] },
  },
);

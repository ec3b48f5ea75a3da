import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Dependency direction (ARCHITECTURE.md), enforced: each SDK stays in its own folder,
// and the pure digest core imports no SDK, no storage library, no I/O and no bot code.
const sdk = (name) => ({ name, message: `${name} may only be imported in src/bots/${name === 'telegraf' ? 'telegram' : 'discord'}/` });

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
    files: ['src/digest/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [sdk('discord.js'), sdk('telegraf'), 'lowdb', 'node-cron', 'node:fs', 'node:fs/promises', 'node:http', 'node:https', 'node:net'],
        patterns: ['lowdb/*', '**/bots/**', '**/store/**', '**/ingest/**', '**/scheduler/**'],
      }],
    },
  },
);

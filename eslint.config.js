// Type-aware linting: floating promises, exhaustive switches and consistent type imports
// are the mistakes that cost the most in a NestJS service.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'data/', 'coverage/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'scripts/*.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // Nest injects constructor parameters by their runtime class: those imports must stay values.
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      // One import statement per module: type and value names share it (inline `type`).
      'no-duplicate-imports': 'error',
      // The audit subscriber cannot see these query-builder writes: src/database/archiving.ts
      // does each with its audit entry, and is the one place allowed to call them.
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.property.name=/^(softDelete|softRemove|recover)$/], CallExpression[callee.object.name='manager'][callee.property.name='restore']",
          message: 'Archive and restore through archiveRow / restoreRow (src/database/archiving.ts), which record them in the audit trail.',
        },
      ],
    },
  },
  { files: ['src/database/archiving.ts'], rules: { 'no-restricted-syntax': 'off' } },
  {
    // A service talks to repositories, its own domain's and other domains' (imported through their
    // modules' exports), and hands them the Transaction it runs in (src/database/transaction.ts):
    // TypeORM's EntityManager and other domains' entity classes stay out of services. Another
    // domain's types and constants (ActionStatus, ACTIVE_ACTION_STATUSES) are its vocabulary, and allowed.
    files: ['src/**/*.service.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'typeorm',
              importNames: ['EntityManager'],
              message: 'A service carries the transaction as a Transaction (src/database/transaction.ts) and hands it to repositories.',
            },
          ],
          patterns: [
            {
              regex: '^(\\.\\./)+[^./]+/[^/]+\\.entity\\.js$',
              importNamePattern: '^[A-Z][a-z]',
              allowTypeImports: true,
              message: "Another domain's table is reached through its repository (imported through its module), not through its entity.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  { files: ['*.js', 'scripts/*.js'], ...tseslint.configs.disableTypeChecked },
  { files: ['scripts/*.js'], languageOptions: { globals: { process: 'readonly', SharedArrayBuffer: 'readonly', Atomics: 'readonly' } } },
);

import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/**
 * Module boundaries that constrain: an app never imports another app, shared
 * libraries never import apps, and each library kind may use only the kinds
 * below it (contracts at the bottom).
 */
const boundaries = {
  enforceBuildableLibDependency: true,
  allow: [],
  depConstraints: [
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    { sourceTag: 'scope:drafting', onlyDependOnLibsWithTags: ['scope:shared'] },
    { sourceTag: 'scope:editorial-review', onlyDependOnLibsWithTags: ['scope:shared'] },
    { sourceTag: 'scope:publishing', onlyDependOnLibsWithTags: ['scope:shared'] },
    { sourceTag: 'scope:notifications', onlyDependOnLibsWithTags: ['scope:shared'] },
    { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
    // The one home of HTML output; it depends on nothing.
    { sourceTag: 'type:html', onlyDependOnLibsWithTags: [] },
    { sourceTag: 'type:config', onlyDependOnLibsWithTags: ['type:contracts'] },
    { sourceTag: 'type:persistence', onlyDependOnLibsWithTags: ['type:contracts', 'type:config'] },
    { sourceTag: 'type:auth', onlyDependOnLibsWithTags: ['type:contracts', 'type:config'] },
    { sourceTag: 'type:messaging', onlyDependOnLibsWithTags: ['type:contracts', 'type:config', 'type:persistence'] },
    // The site's section list as each service keeps it (table, follower, cached reader).
    { sourceTag: 'type:site-sections', onlyDependOnLibsWithTags: ['type:contracts', 'type:config', 'type:persistence'] },
    // Metrics and traces: reads the pipeline (outbox, relay, consumers), serves /metrics.
    { sourceTag: 'type:observability', onlyDependOnLibsWithTags: ['type:contracts', 'type:config', 'type:persistence', 'type:auth', 'type:messaging'] },
    {
      sourceTag: 'type:platform',
      onlyDependOnLibsWithTags: ['type:contracts', 'type:config', 'type:persistence', 'type:auth', 'type:messaging', 'type:observability'],
    },
    { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:html'] },
    // The harness starts services and use cases for tests; only specs and e2e suites import it.
    {
      sourceTag: 'type:test-harness',
      onlyDependOnLibsWithTags: ['type:contracts', 'type:config', 'type:persistence', 'type:auth', 'type:messaging', 'type:platform', 'type:observability', 'type:testing'],
    },
    { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contracts', 'type:auth', 'type:testing', 'type:test-harness'] },
    {
      sourceTag: 'type:app',
      onlyDependOnLibsWithTags: ['type:contracts', 'type:config', 'type:persistence', 'type:auth', 'type:messaging', 'type:platform', 'type:observability', 'type:html', 'type:site-sections'],
    },
  ],
};

export default [
  { ignores: ['**/dist', '**/node_modules', '**/.nx', 'tmp/**', 'coverage/**', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  ...nx.configs['flat/base'],
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaries],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'kafkajs', message: 'Only libs/messaging talks to Kafka.' },
            { name: '@nestjs/microservices', message: 'Only libs/messaging talks to Kafka.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration in the app config/ folder only.' },
      ],
    },
  },
  {
    // Tests may also use the test infrastructure library.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', 'apps/*/test/**/*.ts'],  // apps/<app>/test/: fixtures, never built
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          ...boundaries,
          depConstraints: boundaries.depConstraints.map((c) =>
            c.sourceTag.startsWith('type:') ? { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:testing', 'type:test-harness'] } : c,
          ),
        },
      ],
    },
  },
  {
    // Tests talk to the broker directly to inject and observe events; the test brokers' pool
    // wipes a worker's node of topics and consumer groups between suites.
    files: ['libs/messaging/**/*.ts', 'libs/test-harness/**/*.ts', 'libs/testing/src/kafka/worker-kafka.ts', 'e2e/**/*.ts', '**/*.int-spec.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['apps/*/src/config/**/*.ts', 'apps/*/src/main.ts', 'apps/*/src/migrate.ts', 'libs/platform/src/bootstrap.ts', 'libs/testing/**/*.ts', 'libs/test-harness/**/*.ts', 'tools/**/*.ts', 'e2e/**/*.ts', '**/*.spec.ts', '**/*.int-spec.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
];

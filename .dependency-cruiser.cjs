/**
 * Folder rules that keep each service's layers visible (checked by `npm run lint`):
 * transport → use-cases → domain, persistence beside the domain, and no cycles
 * between folders. Module boundaries between projects are eslint's
 * (@nx/enforce-module-boundaries); these rules work inside a project.
 */
const SOURCES = '^(apps|libs)/[^/]+/src/';

module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      comment: 'Two folders that import each other are one folder in disguise: merge them or move the shared piece down.',
      severity: 'error',
      scope: 'folder',
      from: { path: SOURCES },
      to: { circular: true },
    },
    {
      name: 'no-module-cycles',
      severity: 'error',
      from: { path: SOURCES },
      to: { circular: true },
    },
    {
      name: 'use-cases-never-import-transport',
      comment: 'Transport adapts HTTP and Kafka to use cases, never the other way round.',
      severity: 'error',
      from: { path: '/use-cases/' },
      to: { path: '/transport/' },
    },
    {
      name: 'domain-imports-no-persistence',
      comment: 'Domain objects hold the rules; how they are stored is persistence’s concern.',
      severity: 'error',
      from: { path: '/domain/' },
      to: { path: '/(persistence|transport|use-cases)/' },
    },
    {
      name: 'persistence-never-imports-use-cases-or-transport',
      severity: 'error',
      from: { path: '/persistence/' },
      to: { path: '/(transport|use-cases)/' },
    },
    {
      name: 'publishing-articles-never-import-the-site',
      comment: 'The public site reads articles; the articles module knows nothing of pages and feeds.',
      severity: 'error',
      from: { path: '^apps/publishing/src/articles/' },
      to: { path: '^apps/publishing/src/site/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(\\.spec\\.ts|\\.int-spec\\.ts|\\.e2e-spec\\.ts)$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    metrics: true,
  },
};

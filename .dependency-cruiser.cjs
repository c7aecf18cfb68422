/**
 * Folder rules that keep each service's layers visible (checked by `npm run lint`):
 * transport → use-cases → domain, persistence beside the domain, and no cycles
 * between folders. Module boundaries between projects are eslint's
 * (@nx/enforce-module-boundaries); these rules work inside a project.
 */
const SOURCES = '^(apps|libs)/[^/]+/src/';

/** A rule that layers point one way: modules whose path matches `from` never import ones matching `to`. */
function layer(name, comment, from, to) {
  return { name, comment, severity: 'error', from: { path: from }, to: { path: to } };
}

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
    layer(
      'use-cases-never-import-transport',
      'Transport adapts HTTP and Kafka to use cases, never the other way round.',
      '/use-cases/',
      '/transport/',
    ),
    layer(
      'domain-imports-no-persistence',
      'Domain objects hold the rules; how they are stored is persistence’s concern.',
      '/domain/',
      '/(persistence|transport|use-cases)/',
    ),
    layer(
      'persistence-never-imports-use-cases-or-transport',
      'Persistence stores what the domain decided; it never calls up into use cases or transport.',
      '/persistence/',
      '/(transport|use-cases)/',
    ),
    layer(
      'publishing-articles-never-import-the-site',
      'The public site reads articles; the articles module knows nothing of pages and feeds.',
      '^apps/publishing/src/articles/',
      '^apps/publishing/src/site/',
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(\\.spec\\.ts|\\.int-spec\\.ts|\\.e2e-spec\\.ts)$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    metrics: true,
  },
};

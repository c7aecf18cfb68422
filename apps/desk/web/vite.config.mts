import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The desk web app: built into dist/apps/desk/web (`npm run build`), served by the desk
 * server at `/` with a fallback to index.html for deep links. Assets carry content hashes, so
 * the server may cache them for good. The contracts' inline-markup, editorial-checks, tag-slug, bylines, word-count, text (the character rule), visible-text (the rule for text a person must write) and limits modules
 * are the pieces of libs the browser takes (the rest of libs/contracts is server-side:
 * decorators, validation); each is mapped here as in tsconfig.base.json's paths.
 */
const root = fileURLToPath(new URL('.', import.meta.url));
const workspace = fileURLToPath(new URL('../../..', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  resolve: {
    alias: {
      '@newsroom/contracts/inline-markup': `${workspace}libs/contracts/src/article/inline-markup.ts`,
      '@newsroom/contracts/editorial-checks': `${workspace}libs/contracts/src/article/editorial-checks.ts`,
      '@newsroom/contracts/tag-slug': `${workspace}libs/contracts/src/article/tag-slug.ts`,
      '@newsroom/contracts/bylines': `${workspace}libs/contracts/src/article/bylines.ts`,
      '@newsroom/contracts/word-count': `${workspace}libs/contracts/src/article/word-count.ts`,
      '@newsroom/contracts/text': `${workspace}libs/contracts/src/text/unsupported-characters.ts`,
      '@newsroom/contracts/direction': `${workspace}libs/contracts/src/text/direction.ts`,
      '@newsroom/contracts/visible-text': `${workspace}libs/contracts/src/text/visible-text.ts`,
      '@newsroom/contracts/limits': `${workspace}libs/contracts/src/limits.ts`,
    },
  },
  build: {
    outDir: `${workspace}dist/apps/desk/web`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: true,
  },
  server: {
    port: 5173,
    // `npx vite apps/desk/web` during development: the desk server answers /api and /.well-known.
    proxy: { '/api': 'http://127.0.0.1:3005', '/.well-known': 'http://127.0.0.1:3005' },
  },
});

// Lets compiled services resolve the @newsroom/* libraries from dist/ at run time.
const path = require('node:path');
const tsconfigPaths = require('tsconfig-paths');
const { compilerOptions } = require('../../tsconfig.base.json');

const paths = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, [target.replace(/\.ts$/, '.js')]]),
);
tsconfigPaths.register({ baseUrl: path.resolve(__dirname, '../../dist'), paths });

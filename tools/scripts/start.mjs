#!/usr/bin/env node
// npm start: install what is missing, build, and run the whole newsroom locally.
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT, build, ensureDependencies } from './bootstrap.mjs';

ensureDependencies();
build();
const require = createRequire(import.meta.url);
require('./register-paths.cjs');
require(path.join(ROOT, 'dist/tools/dev/newsroom.js'));

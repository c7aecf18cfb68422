#!/usr/bin/env node
// npm run broker -- [--nodes 3] [--port 19092]: a broker with the newsroom's topics, on its own.
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT, build, ensureDependencies } from './bootstrap.mjs';

ensureDependencies();
build();
const require = createRequire(import.meta.url);
require('./register-paths.cjs');
require(path.join(ROOT, 'dist/tools/kafka/run-broker.js'));

/**
 * @jest-config-loader ts-node
 * @jest-config-loader-options {"transpileOnly": true}
 */
// Jest reads this file through ts-node, which by default type-checks it and everything it
// imports (about 2 s of every jest run); `npm test` type-checks the whole tree once anyway.
import type { Config } from 'jest';
import { compilerOptions } from './tsconfig.base.json';

/** ES-module-only packages: feed, and the OpenID Connect client and provider of the desk (with the jose 6 they nest). */
const ESM_ONLY = '(feed|openid-client|oauth4webapi|oidc-provider)';
const NESTING_ESM = '(openid-client|oidc-provider)';
// Type-checking happens once in `npm run typecheck`; tests only transpile.
const transform: Config['transform'] = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  // ES-module-only packages are turned into CommonJS for Jest's module registry;
  // Node itself loads them natively at run time.
  [`^.+/node_modules/(${ESM_ONLY}|${NESTING_ESM}/node_modules/jose)/.+\\.js$`]: ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true } }],
};
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform,
  transformIgnorePatterns: [`(?<!/${NESTING_ESM})/node_modules/(?!${ESM_ONLY}/)`],
  moduleNameMapper,
  setupFiles: ['reflect-metadata'],
};
/** Integration suites named `*-faults.int-spec.ts` kill, freeze and restart brokers. */
const FAULT_SUITES = '-faults\\.int-spec\\.ts$';
/** End-to-end suites in e2e/faults kill, stop and restart the services' processes and PostgreSQL. */
const PROCESS_FAULT_SUITES = '/e2e/faults/';
// Suites that start a broker: its topics are provisioned through libs/messaging.
const withBroker = {
  ...common,
  setupFiles: [...common.setupFiles, '<rootDir>/libs/test-harness/src/jest/topic-provisioner.setup.ts'],
  globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.ts',
};
// A Kafka node per Jest worker, lent to its suites one after another and wiped in between,
// rather than one started for each suite (libs/testing/src/kafka/worker-kafka.ts). Not for the
// fault suites: they stop, kill and freeze brokers of their own.
const withWorkerBroker = { ...withBroker, testEnvironment: '<rootDir>/libs/testing/src/jest/worker-kafka-environment.ts' };

const config: Config = {
  // Jest's 5 s default also bounds beforeAll, where an integration suite creates and migrates its
  // database and boots Nest: on a busy two-core machine running two suites at once that can take
  // longer. Jest reads this option only here, not per project. Suites with a broker set their own,
  // longer timeouts.
  testTimeout: 30_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/tools/**/*.spec.ts', '<rootDir>/e2e/bench/**/*.spec.ts'],
    },
    {
      ...withWorkerBroker,
      displayName: 'integration',
      testMatch: ['<rootDir>/apps/**/*.int-spec.ts', '<rootDir>/libs/**/*.int-spec.ts'],
      testPathIgnorePatterns: [FAULT_SUITES, '/node_modules/'],
      slowTestThreshold: 30,
    },
    {
      // Real broker faults on a three-node Kafka cluster: their own stage (`npm test -- faults`).
      ...withBroker,
      displayName: 'faults',
      testMatch: [
        '<rootDir>/apps/**/*-faults.int-spec.ts',
        '<rootDir>/libs/**/*-faults.int-spec.ts',
        '<rootDir>/e2e/faults/**/*-faults.e2e-spec.ts',
      ],
      slowTestThreshold: 120,
    },
    {
      ...withWorkerBroker,
      displayName: 'e2e',
      testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: [PROCESS_FAULT_SUITES, '/node_modules/'],
      slowTestThreshold: 120,
    },
    {
      // The desk web app in Debian's chromium, driven by playwright-core (`npm test -- browser`).
      ...withWorkerBroker,
      displayName: 'browser',
      testMatch: ['<rootDir>/e2e/browser/**/*.browser-spec.ts'],
      slowTestThreshold: 180,
    },
  ],
};

export default config;

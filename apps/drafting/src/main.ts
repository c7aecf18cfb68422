// Tracing starts first: its instrumentations patch http, express, pg and kafkajs as they
// are loaded, so the service is loaded only afterwards.
import { startTracing } from '@newsroom/observability/tracing';

startTracing('drafting', process.env);

import('./drafting.service')
  .then(({ startDrafting }) => startDrafting(process.env))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });

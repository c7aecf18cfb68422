// Tracing starts first: its instrumentations patch http, express, pg and kafkajs as they
// are loaded, so the service is loaded only afterwards.
import { startTracing } from '@newsroom/observability/tracing';

startTracing('editorial-review', process.env);

import('./editorial-review.service')
  .then(({ startEditorialReview }) => startEditorialReview(process.env))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });

// Tracing starts first: its instrumentations patch http, express and pg as they are loaded,
// so the service is loaded only afterwards.
import { startTracing } from '@newsroom/observability/tracing';

startTracing('desk', process.env);

import('./desk.service')
  .then(({ startDesk }) => startDesk(process.env))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });

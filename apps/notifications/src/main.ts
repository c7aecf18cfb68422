// Tracing starts first: its instrumentations patch http, express, pg and kafkajs as they
// are loaded, so the service is loaded only afterwards.
import { startTracing } from '@newsroom/observability/tracing';
import { setOldGenerationGrowth } from './old-generation-growth';

// Before the service allocates: its heap then follows what is live during a fan-out (old-generation-growth.ts).
setOldGenerationGrowth();
startTracing('notifications', process.env);

import('./notifications.service')
  .then(({ startNotifications }) => startNotifications(process.env))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });

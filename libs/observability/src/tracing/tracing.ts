// Types only: the SDK, its exporter and the instrumentations are loaded when tracing is on.
// Loading them costs about 0.45 of the 2.9 CPU-seconds a service takes to start (measured
// for publishing), and tracing is off unless a collector is configured.
import type * as OtlpHttp from '@opentelemetry/exporter-trace-otlp-http';
import type * as Express from '@opentelemetry/instrumentation-express';
import type * as Http from '@opentelemetry/instrumentation-http';
import type * as KafkaJs from '@opentelemetry/instrumentation-kafkajs';
import type * as NestCore from '@opentelemetry/instrumentation-nestjs-core';
import type * as Pg from '@opentelemetry/instrumentation-pg';
import type * as SdkNode from '@opentelemetry/sdk-node';

export interface Tracing {
  /** Exports the spans still buffered and stops; call before the process exits. */
  shutdown(): Promise<void>;
}

/** Paths probed every few seconds: tracing them would bury the stories' traces. */
const UNTRACED_PATHS = /^\/(health|metrics)(\/|\?|$)/;

/**
 * Where spans go: OTEL_EXPORTER_OTLP_ENDPOINT, the collector's base URL (the OTLP/HTTP
 * exporter posts to `<endpoint>/v1/traces`, as the OpenTelemetry spec says for this
 * variable). Unset means tracing is off. A value that is not an http(s) URL is refused.
 */
export function tracingEndpointOf(env: Record<string, string | undefined>): URL | undefined {
  const value = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL, got "${value}"`);
  return url;
}

/**
 * Starts OpenTelemetry tracing for one service when OTEL_EXPORTER_OTLP_ENDPOINT is set,
 * and does nothing otherwise (the API stays a no-op: no spans, no cost). Call it first in
 * main.ts, before the app is loaded: the instrumentations patch http, express, NestJS, pg
 * and kafkajs as they are required, and a module loaded earlier is not traced.
 *
 * Spans follow W3C trace context (https://www.w3.org/TR/trace-context/): `traceparent`
 * in HTTP headers and in the Kafka headers next to each CloudEvent, so one trace follows
 * a story through every service (libs/messaging's relay sends each event in the context
 * of the span that recorded it). The SDK itself reads the standard OTEL_* variables
 * (e.g. OTEL_BSP_SCHEDULE_DELAY, OTEL_TRACES_SAMPLER, OTEL_RESOURCE_ATTRIBUTES).
 */
export function startTracing(serviceName: string, env: Record<string, string | undefined>): Tracing | undefined {
  const endpoint = tracingEndpointOf(env);
  if (!endpoint) return undefined;
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only when tracing is on (see the imports) */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof SdkNode;
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof OtlpHttp;
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof Http;
  const { ExpressInstrumentation } = require('@opentelemetry/instrumentation-express') as typeof Express;
  const { NestInstrumentation } = require('@opentelemetry/instrumentation-nestjs-core') as typeof NestCore;
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof Pg;
  const { KafkaJsInstrumentation } = require('@opentelemetry/instrumentation-kafkajs') as typeof KafkaJs;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const sdk = new NodeSDK({
    serviceName,
    traceExporter: new OTLPTraceExporter({ url: new URL('v1/traces', endpoint.href.endsWith('/') ? endpoint : `${endpoint.href}/`).href }),
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.test(request.url ?? '') }),
      new ExpressInstrumentation(),
      new NestInstrumentation(),
      new PgInstrumentation({ requireParentSpan: true }),
      new KafkaJsInstrumentation(),
    ],
  });
  sdk.start();
  // The service closes on these signals (libs/platform); the spans still buffered go out meanwhile.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void sdk.shutdown().catch(() => undefined));
  return { shutdown: () => sdk.shutdown() };
}

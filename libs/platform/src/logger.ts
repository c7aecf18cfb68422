import type { Params } from 'nestjs-pino';
import { currentTrace } from '@newsroom/messaging';

/**
 * Structured JSON logs: one line per event, with the service name, the trace
 * id of the request or message being handled, and no secrets.
 */
export function loggerParams(serviceName: string, level: string): Params {
  return {
    pinoHttp: {
      level,
      base: { service: serviceName },
      messageKey: 'msg',
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      formatters: { level: (label: string) => ({ level: label }) },
      mixin: () => {
        const trace = currentTrace();
        return trace ? { traceId: trace.traceId, spanId: trace.spanId } : {};
      },
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.token'],
        censor: '[redacted]',
      },
      // Probes and scrapes come every few seconds from every replica's kubelet and Prometheus:
      // a line each would bury the requests people make.
      autoLogging: { ignore: (req) => /^\/(health|metrics)(\/|\?|$)/.test(req.url ?? '') },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      serializers: {
        req: (req: { method: string; url: string; id: unknown }) => ({ id: req.id, method: req.method, url: redactQuery(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  };
}

/** Signed links carry their secret in the query string; it never reaches the logs. */
export function redactQuery(url: string): string {
  return url.replace(/([?&](?:token|signature|key)=)[^&#]*/gi, '$1[redacted]');
}

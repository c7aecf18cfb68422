import type { LoggerService } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import pino, { type Logger as Pino } from 'pino';
import { currentTrace } from '@newsroom/messaging';

/**
 * Structured JSON logs: one line per event, with the service name, the trace
 * id of the request or message being handled, and no secrets.
 */
export function loggerParams(serviceName: string, level: string): Params {
  return {
    pinoHttp: {
      ...lineFormat(serviceName, level),
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

/** The shape of every line: the level by name, the service, an ISO time, the message as `msg`. */
function lineFormat(serviceName: string, level: string) {
  return {
    level,
    base: { service: serviceName },
    messageKey: 'msg',
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    formatters: { level: (label: string) => ({ level: label }) },
  };
}

/**
 * The logger while the service starts, before the application's own (nestjs-pino, which needs
 * the application) exists: the same JSON lines, written as they happen. Nest would otherwise
 * hold start-up messages back and, when start-up fails (no database: TypeORM's nine retries
 * over about 25 s), print them all at the end in its own coloured format with one time for all.
 */
export class StartupLogger implements LoggerService {
  private readonly pino: Pino;

  constructor(serviceName: string, level: string, destination: pino.DestinationStream = pino.destination(1)) {
    this.pino = pino(lineFormat(serviceName, level), destination);
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /** Nest passes the context (a class name) last; an error's stack comes before it. */
  private write(level: pino.Level, message: unknown, rest: unknown[]): void {
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const stack = rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    if (message instanceof Error) this.pino[level]({ context, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.pino[level]({ context, ...message });
    else this.pino[level]({ context, ...(stack ? { stack } : {}) }, String(message));
  }
}

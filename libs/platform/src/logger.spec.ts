import { runInTrace } from '@newsroom/messaging';
import { loggerParams, redactQuery } from './logger';

describe(redactQuery.name, () => {
  it.each([
    ['/links/confirm?token=abc.def', '/links/confirm?token=[redacted]'],
    ['/links/manage?id=1&signature=s3cr3t&view=full', '/links/manage?id=1&signature=[redacted]&view=full'],
    ['/feed?key=k&page=2', '/feed?key=[redacted]&page=2'],
    ['/x?Token=abc&KEY=def', '/x?Token=[redacted]&KEY=[redacted]'],
    ['/x?token=abc#section', '/x?token=[redacted]#section'],
    ['/x?token=', '/x?token=[redacted]'],
  ])('redacts %p', (url, expected) => {
    expect(redactQuery(url)).toBe(expected);
  });

  it.each([['/articles?page=2&section=world'], ['/articles/token=abc'], ['/x?monkey=1&tokens=2'], ['/health']])('keeps %p as it is', (url) => {
    expect(redactQuery(url)).toBe(url);
  });
});

describe(loggerParams.name, () => {
  type PinoHttpOptions = {
    level: string;
    base: Record<string, string>;
    redact: { paths: string[]; censor: string };
    mixin: () => Record<string, string>;
    serializers: { req: (req: { id: unknown; method: string; url: string }) => unknown };
    autoLogging: { ignore: (req: { url?: string }) => boolean };
  };
  const options = loggerParams('publishing', 'debug').pinoHttp as unknown as PinoHttpOptions;

  it('logs at the given level with the service name', () => {
    expect(options.level).toBe('debug');
    expect(options.base).toEqual({ service: 'publishing' });
  });

  it('redacts the authorization header and cookies', () => {
    expect(options.redact.paths).toEqual(expect.arrayContaining(['req.headers.authorization', 'req.headers.cookie']));
  });

  it('logs request URLs with their secrets redacted', () => {
    expect(options.serializers.req({ id: 1, method: 'GET', url: '/links/confirm?token=abc' })).toEqual({
      id: 1,
      method: 'GET',
      url: '/links/confirm?token=[redacted]',
    });
  });

  it('adds the current trace to each line, and nothing outside a trace', () => {
    expect(options.mixin()).toEqual({});
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    expect(runInTrace(traceparent, () => options.mixin())).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
  });

  it('does not log health checks or metrics scrapes', () => {
    expect(options.autoLogging.ignore({ url: '/health/ready' })).toBe(true);
    expect(options.autoLogging.ignore({ url: '/metrics' })).toBe(true);
    expect(options.autoLogging.ignore({ url: '/articles' })).toBe(false);
    expect(options.autoLogging.ignore({ url: '/metricsof-something' })).toBe(false);
  });
});

import { runInTrace } from '@newsroom/messaging';
import { loggerParams, redactQuery, StartupLogger } from './logger';

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

describe(StartupLogger.name, () => {
  function capture(level = 'info') {
    const lines: Record<string, unknown>[] = [];
    const logger = new StartupLogger('drafting', level, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    return { lines, logger };
  }

  it('writes each start-up message at once as the service JSON line, with its context and its own time', () => {
    const { lines, logger } = capture();
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    logger.error('Unable to connect to the database. Retrying (1)...', 'Error: connect ECONNREFUSED\n    at …', 'TypeOrmModule');
    logger.error(new Error('connect ECONNREFUSED 127.0.0.1:1'), 'ExceptionHandler');
    expect(lines).toEqual([
      { level: 'info', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), service: 'drafting', context: 'InstanceLoader', msg: 'AppModule dependencies initialized' },
      expect.objectContaining({ level: 'error', context: 'TypeOrmModule', stack: 'Error: connect ECONNREFUSED\n    at …', msg: 'Unable to connect to the database. Retrying (1)...' }),
      expect.objectContaining({ level: 'error', context: 'ExceptionHandler', msg: 'connect ECONNREFUSED 127.0.0.1:1', err: expect.objectContaining({ type: 'Error' }) }),
    ]);
  });

  it('keeps to the service log level', () => {
    const { lines, logger } = capture('error');
    logger.log('Mapped {/v1/drafts, GET} route', 'RouterExplorer');
    logger.warn('slow', 'X');
    expect(lines).toEqual([]);
  });
});

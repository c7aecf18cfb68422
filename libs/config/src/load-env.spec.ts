import { IsInt, IsString, Min } from 'class-validator';
import { CommonEnv, LOCAL_DEFAULTS } from './common-env';
import { ConfigError, loadEnv } from './load-env';

const VALID = {
  PORT: '3001',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/newsroom',
  DATABASE_SCHEMA: 'drafting',
  KAFKA_BROKERS: '127.0.0.1:9092',
  JWT_JWKS_FILE: '/etc/newsroom/jwks.json',
};

class SmallEnv {
  @IsInt()
  @Min(1)
  WORKERS!: number;

  @IsString()
  GREETING = 'hello';
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe(loadEnv.name, () => {
  it('treats an empty variable as unset, so the given default applies', () => {
    expect(loadEnv(SmallEnv, { WORKERS: '' }, { WORKERS: '4' }).WORKERS).toBe(4);
  });

  it('applies defaults for unset variables', () => {
    const env = loadEnv(SmallEnv, {}, { WORKERS: '4' });
    expect(env.WORKERS).toBe(4);
    expect(env.GREETING).toBe('hello');
  });

  it('lets the environment override the defaults', () => {
    const env = loadEnv(SmallEnv, { WORKERS: '8', GREETING: 'hi' }, { WORKERS: '4' });
    expect(env).toMatchObject({ WORKERS: 8, GREETING: 'hi' });
  });

  it('converts numbers', () => {
    const env = loadEnv(SmallEnv, { WORKERS: '12' });
    expect(env.WORKERS).toBe(12);
    expect(typeof env.WORKERS).toBe('number');
  });

  it('returns an instance of the schema class', () => {
    expect(loadEnv(SmallEnv, { WORKERS: '1' })).toBeInstanceOf(SmallEnv);
  });

  it('treats an empty variable as unset, so the class default applies', () => {
    expect(loadEnv(SmallEnv, { WORKERS: '1', GREETING: '' }).GREETING).toBe('hello');
  });

  it('treats an empty variable without a default as missing', () => {
    const problems = problemsOf(() => loadEnv(SmallEnv, { WORKERS: '' }));
    expect(problems).toContain('WORKERS is not set (WORKERS must be an integer number)');
    expect(problems.every((problem) => problem.startsWith('WORKERS '))).toBe(true);
  });

  it('in production, wants every variable whose default points at localhost set, and lists them with the other problems', () => {
    const defaults = { WORKERS: '2', GREETING: 'http://localhost:3004', SENDER: 'Alerts <alerts@newsroom.localhost>' };
    const problems = problemsOf(() => loadEnv(SmallEnv, { NODE_ENV: 'production', WORKERS: 'many' }, defaults));
    expect(problems).toEqual([
      'WORKERS must be an integer number',
      'GREETING is not set: NODE_ENV is production, and its default (http://localhost:3004) only works on a development machine',
      'SENDER is not set: NODE_ENV is production, and its default (Alerts <alerts@newsroom.localhost>) only works on a development machine',
    ]);
    // Set, even to a localhost address on purpose, it is the operator's choice; outside production the defaults apply.
    expect(loadEnv(SmallEnv, { NODE_ENV: 'production', GREETING: 'http://localhost:8080', SENDER: 'a@b.example' }, defaults).GREETING).toBe('http://localhost:8080');
    expect(loadEnv(SmallEnv, { NODE_ENV: 'development' }, defaults).GREETING).toBe('http://localhost:3004');
  });

  it('refuses a value still holding the example files\u2019 placeholder, without repeating the value', () => {
    const problems = problemsOf(() => loadEnv(SmallEnv, { WORKERS: '1', GREETING: 'REPLACE_ME_with_at_least_32_random_characters' }));
    expect(problems).toEqual(['GREETING still holds the example\u2019s placeholder (REPLACE_ME…): set a value of your own']);
    expect(problemsOf(() => loadEnv(SmallEnv, { WORKERS: '1', GREETING: 'REPLACE_WITH_A_PRIVATE_P256_JWK' }))).toEqual([
      'GREETING still holds the example\u2019s placeholder (REPLACE_WITH…): set a value of your own',
    ]);
  });

  it('ignores undefined entries of the environment', () => {
    expect(loadEnv(SmallEnv, { WORKERS: undefined }, { WORKERS: '2' }).WORKERS).toBe(2);
  });

  it('drops variables the schema does not declare', () => {
    const env = loadEnv(SmallEnv, { WORKERS: '1', HOME: '/root' });
    expect(env).not.toHaveProperty('HOME');
  });

  it('rejects a value that is not a number', () => {
    const problems = problemsOf(() => loadEnv(SmallEnv, { WORKERS: 'many' }));
    expect(problems).toContain('WORKERS must be an integer number');
    expect(problems.every((problem) => problem.startsWith('WORKERS '))).toBe(true);
  });
});

describe(ConfigError.name, () => {
  it('names every problem in its message', () => {
    const error = new ConfigError(['A is wrong', 'B is missing']);
    expect(error.name).toBe('ConfigError');
    expect(error.message).toBe('Invalid configuration:\n  - A is wrong\n  - B is missing');
    expect(error).toBeInstanceOf(Error);
  });
});

describe(`${CommonEnv.name} through ${loadEnv.name}`, () => {
  it('accepts a complete environment and fills in the defaults of the class', () => {
    const env = loadEnv(CommonEnv, VALID);
    expect(env).toMatchObject({ ...VALID, PORT: 3001, LOG_LEVEL: 'info', NODE_ENV: 'development' });
  });

  it('accepts postgresql:// and several brokers', () => {
    const env = loadEnv(CommonEnv, { ...VALID, DATABASE_URL: 'postgresql://u:p@db:5432/x', KAFKA_BROKERS: 'k1:9092,k2:9093' });
    expect(env.DATABASE_URL).toBe('postgresql://u:p@db:5432/x');
    expect(env.KAFKA_BROKERS).toBe('k1:9092,k2:9093');
  });

  it('accepts the local development defaults', () => {
    const { DATABASE_URL: _url, KAFKA_BROKERS: _brokers, ...rest } = VALID;
    expect(loadEnv(CommonEnv, rest, LOCAL_DEFAULTS)).toMatchObject(LOCAL_DEFAULTS);
  });

  it('lists every problem at once', () => {
    const problems = problemsOf(() =>
      loadEnv(CommonEnv, { ...VALID, DATABASE_URL: 'mysql://db/newsroom', JWT_JWKS_URL: 'not a url', KAFKA_BROKERS: 'broker-without-port' }),
    );
    expect(problems).toHaveLength(3);
    expect(problems).toEqual(
      expect.arrayContaining([
        'DATABASE_URL must be a postgres:// URL',
        'JWT_JWKS_URL must be an http(s) URL (or set JWT_JWKS_FILE)',
        'KAFKA_BROKERS must be a comma-separated host:port list',
      ]),
    );
  });

  it('puts every problem in the error message', () => {
    const load = () => loadEnv(CommonEnv, { ...VALID, DATABASE_URL: 'mysql://db', JWT_JWKS_URL: 'ftp://desk/jwks.json' });
    expect(load).toThrow('  - DATABASE_URL must be a postgres:// URL');
    expect(load).toThrow('  - JWT_JWKS_URL must be an http(s) URL (or set JWT_JWKS_FILE)');
  });

  it('reports each missing required variable', () => {
    const problems = problemsOf(() => loadEnv(CommonEnv, {}));
    for (const name of ['PORT', 'DATABASE_URL', 'DATABASE_SCHEMA', 'KAFKA_BROKERS', 'JWT_JWKS_URL']) {
      expect(problems.some((problem) => problem.startsWith(name))).toBe(true);
    }
  });

  it.each([
    ['PORT', '0'],
    ['PORT', '65536'],
    ['PORT', '30.5'],
    ['DATABASE_SCHEMA', 'Drafting'],
    ['DATABASE_SCHEMA', 'bad-name'],
    ['KAFKA_BROKERS', 'a:1, b:2'],
    ['KAFKA_BROKERS', 'a:1,'],
    ['LOG_LEVEL', 'verbose'],
  ])('rejects %s=%p', (name, value) => {
    const problems = problemsOf(() => loadEnv(CommonEnv, { ...VALID, [name]: value }));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((problem) => problem.startsWith(`${name} `))).toBe(true);
  });

  it('takes LOG_LEVEL and NODE_ENV from the environment', () => {
    expect(loadEnv(CommonEnv, { ...VALID, LOG_LEVEL: 'debug', NODE_ENV: 'production' })).toMatchObject({
      LOG_LEVEL: 'debug',
      NODE_ENV: 'production',
    });
  });

  it('keeps the default log level when LOG_LEVEL is empty', () => {
    expect(loadEnv(CommonEnv, { ...VALID, LOG_LEVEL: '' }).LOG_LEVEL).toBe('info');
  });
});

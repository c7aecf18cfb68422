/**
 * What the four services do with input no client should send: every route listed by each
 * service's OpenAPI document is swept with out-of-range numbers, characters no output can carry,
 * malformed, deeply nested, oversized and wrongly typed bodies — each must be a 4xx with a coded
 * error, never a 500. Then the reported cases one by one, the article size limits end to end
 * through the broker, and the security headers of every service.
 */
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { EVENT_TYPES, TOPICS, createEvent, deadLetterTopicOf, exampleArticle, validatePlain, ArticleContent } from '@newsroom/contracts';
import { TestEventBus } from '@newsroom/test-harness';
import { SERVICE_NAMES, type ServiceName } from '@newsroom/testing';
import { NewsroomUnderTest, eventually } from './support/newsroom-under-test';

jest.setTimeout(240_000);

interface Operation {
  service: ServiceName;
  method: string;
  /** The OpenAPI path template: `/v1/drafts/{id}`. */
  template: string;
  numericQuery: string[];
  pathParams: string[];
}

interface Outcome {
  status: number;
  code?: string;
  contentType: string;
}

const ARTICLE_ID = '0b6f3c52-7a1e-4c1f-9d36-3f8a2e5b7c10';

/** Writes `raw` on a new connection to 127.0.0.1:`port`; everything the server wrote before it closed. */
function rawExchange(port: string, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(raw));
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
  });
}
const admin = { role: 'admin' as const, user: 'root.admin' };

describe('input no client should send, on every route of every service', () => {
  let newsroom: NewsroomUnderTest;
  let operations: Operation[];

  beforeAll(async () => {
    newsroom = await NewsroomUnderTest.start();
    operations = (await Promise.all(SERVICE_NAMES.map((service) => operationsOf(service)))).flat();
  });

  afterAll(async () => {
    await newsroom?.stop();
  });

  async function operationsOf(service: ServiceName): Promise<Operation[]> {
    const document = (await (await fetch(newsroom.url(service, '/docs-json'))).json()) as {
      paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string; schema?: { type?: string } }> }>>;
    };
    return Object.entries(document.paths).flatMap(([template, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        service,
        method: method.toUpperCase(),
        template,
        // Paging parameters by name too: a DTO's initialised field may be documented without a type.
        numericQuery: (operation.parameters ?? [])
          .filter((p) => p.in === 'query' && (['integer', 'number'].includes(p.schema?.type ?? '') || ['limit', 'offset', 'page'].includes(p.name)))
          .map((p) => p.name),
        pathParams: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      })),
    );
  }

  /** A concrete path: ids become a well-formed id, revisions a number, slugs a slug. */
  function pathOf(operation: Operation, override?: string): string {
    return operation.template.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (override !== undefined) return override;
      if (/id$/i.test(name)) return ARTICLE_ID;
      if (/^(n|revision|number)$/.test(name)) return '1';
      return 'politics';
    });
  }

  async function send(operation: Operation, path: string, init: { body?: string | Uint8Array; contentType?: string } = {}): Promise<Outcome> {
    const response = await fetch(newsroom.url(operation.service, path), {
      method: operation.method,
      headers: {
        authorization: `Bearer ${newsroom.token(admin.role, admin.user)}`,
        accept: 'application/json',
        ...(init.contentType ? { 'content-type': init.contentType } : {}),
      },
      body: init.body,
    });
    const contentType = response.headers.get('content-type') ?? '';
    const text = await response.text();
    let code: string | undefined;
    if (contentType.includes('json')) code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
    return { status: response.status, code, contentType };
  }

  /** Runs `cases` on `targets`, and lists every answer that is not a 4xx with a coded error (or `expected`). */
  async function sweep(targets: Operation[], cases: (operation: Operation) => Array<[string, Promise<Outcome>]>, expected?: { status?: number; code?: string }) {
    const failures: string[] = [];
    for (const operation of targets) {
      for (const [label, pending] of cases(operation)) {
        const outcome = await pending;
        const coded = outcome.code !== undefined || outcome.contentType.includes('html');
        const ok =
          outcome.status >= 400 &&
          outcome.status < 500 &&
          coded &&
          (expected?.status === undefined || outcome.status === expected.status) &&
          (expected?.code === undefined || outcome.code === expected.code);
        if (!ok) failures.push(`${operation.service} ${operation.method} ${operation.template} ${label}: ${outcome.status} ${outcome.code ?? outcome.contentType}`);
      }
    }
    return failures;
  }

  /** True when the OpenAPI path template `template` (`/v1/subscribers/{id}`) matches the concrete `path`. */
  const templateMatches = (template: string, path: string) => new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`).test(path);

  const withBody = (operation: Operation) => ['POST', 'PUT', 'PATCH'].includes(operation.method);

  it('finds the routes of all four services in their OpenAPI documents', () => {
    for (const service of SERVICE_NAMES) expect(operations.filter((o) => o.service === service).length).toBeGreaterThan(2);
  });

  it('refuses out-of-range, fractional, negative and non-numeric values of every numeric query parameter with a coded 4xx', async () => {
    const targets = operations.filter((operation) => operation.numericQuery.length > 0);
    expect(targets.map((o) => `${o.service} ${o.template}`)).toEqual(expect.arrayContaining(['notifications /v1/deliveries', 'drafting /v1/drafts']));
    const failures = await sweep(targets, (operation) =>
      operation.numericQuery.flatMap((name) =>
        ['1e20', '-1', '1.5', '99999999999999999999', 'ten', '0x10'].map(
          (value) => [`?${name}=${value}`, send(operation, `${pathOf(operation)}?articleId=${ARTICLE_ID}&${name}=${encodeURIComponent(value)}`)] as [string, Promise<Outcome>],
        ),
      ),
    );
    expect(failures).toEqual([]);
  });

  it('never answers 500 to huge numbers in the usual paging parameters, on any GET route', async () => {
    const failures: string[] = [];
    for (const operation of operations.filter((o) => o.method === 'GET')) {
      const outcome = await send(operation, `${pathOf(operation)}?limit=1e20&offset=1e20&page=1e20`);
      if (outcome.status >= 500) failures.push(`${operation.service} ${operation.template}: ${outcome.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses a NUL in the query of every route with 400 INPUT.UNSUPPORTED_CHARACTER', async () => {
    const failures = await sweep(operations, (operation) => [['?q=%00', send(operation, `${pathOf(operation)}?q=crane%00ban`)]], {
      status: 400,
      code: 'INPUT.UNSUPPORTED_CHARACTER',
    });
    expect(failures).toEqual([]);
  });

  it('refuses a path parameter that is no escape or not UTF-8, on every route that takes one, with 400 REQUEST.INVALID_UTF8', async () => {
    const targets = operations.filter((operation) => /\{\w+\}/.test(operation.template));
    expect(targets.length).toBeGreaterThan(10);
    const failures = await sweep(
      targets,
      (operation) => ['%ZZ', 'caf%E9', '%C0%AF', '%'].map((value) => [`{param}=${value}`, send(operation, pathOf(operation, value))] as [string, Promise<Outcome>]),
      { status: 400, code: 'REQUEST.INVALID_UTF8' },
    );
    expect(failures).toEqual([]);
  });

  it('refuses bytes that are not UTF-8, in the query of every route and the body of every route that takes one, with 400 REQUEST.INVALID_UTF8', async () => {
    const latin1 = Buffer.concat([Buffer.from('{"note":"caf'), Buffer.from([0xe9]), Buffer.from('","headline":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
    const inQuery = await sweep(operations, (operation) => [['?q=caf%E9', send(operation, `${pathOf(operation)}?q=caf%E9`)]], { status: 400, code: 'REQUEST.INVALID_UTF8' });
    // RFC 8058 one-click unsubscribe: "the body is not read", so a mail provider's body can never
    // refuse it. That route checks its link instead (the sweep's token is not a real one).
    const oneClick = (operation: Operation) => operation.service === 'notifications' && operation.method === 'POST' && operation.template === '/unsubscribe';
    const inBody = await sweep(
      operations.filter((operation) => withBody(operation) && !oneClick(operation)),
      (operation) => [['a Latin-1 byte in the body', send(operation, pathOf(operation), { body: latin1, contentType: 'application/json' })]],
      { status: 400, code: 'REQUEST.INVALID_UTF8' },
    );
    const unread = await sweep(operations.filter(oneClick), (operation) => [['a Latin-1 byte in the unread body', send(operation, pathOf(operation), { body: latin1, contentType: 'application/json' })]], {
      status: 400,
      code: 'LINK.INVALID',
    });
    expect(operations.filter(oneClick)).toHaveLength(1);
    expect([...inQuery, ...inBody, ...unread]).toEqual([]);
  });

  it('refuses a control character in every path parameter with 400 INPUT.UNSUPPORTED_CHARACTER', async () => {
    const targets = operations.filter((operation) => operation.pathParams.length > 0);
    const failures = await sweep(targets, (operation) => [['path %1D', send(operation, pathOf(operation, 'ports%1D'))]], { status: 400, code: 'INPUT.UNSUPPORTED_CHARACTER' });
    expect(failures).toEqual([]);
  });

  it('answers malformed, 10,000-deep, oversized, wrongly typed and unwritable bodies on every route that takes one with a coded 4xx', async () => {
    const targets = operations.filter(withBody);
    expect(targets.length).toBeGreaterThan(10);
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const oversized = JSON.stringify({ note: 'x'.repeat(1_100_000) });
    const failures = await sweep(targets, (operation) => [
      ['malformed JSON', send(operation, pathOf(operation), { body: '{"note": "unfinished', contentType: 'application/json' })],
      ['JSON 10,000 deep', send(operation, pathOf(operation), { body: deep, contentType: 'application/json' })],
      ['1.1 MB body', send(operation, pathOf(operation), { body: oversized, contentType: 'application/json' })],
      ['text/plain body', send(operation, pathOf(operation), { body: 'note=hello', contentType: 'text/plain' })],
      ['NUL in a field', send(operation, pathOf(operation), { body: '{"note":"a\\u0000b","headline":"c\\u0000d"}', contentType: 'application/json' })],
      ['lone surrogate in a field', send(operation, pathOf(operation), { body: '{"note":"broken \\ud83d"}', contentType: 'application/json' })],
      ['a JSON array', send(operation, pathOf(operation), { body: '[1,2,3]', contentType: 'application/json' })],
    ]);
    expect(failures).toEqual([]);
  });

  it('answers a method a documented path does not serve with 405 ROUTE.METHOD_NOT_ALLOWED and an Allow naming the methods it does', async () => {
    const paths = new Map<string, Operation[]>();
    for (const operation of operations) {
      const key = `${operation.service} ${operation.template}`;
      paths.set(key, [...(paths.get(key) ?? []), operation]);
    }
    const failures: string[] = [];
    let tried = 0;
    for (const [key, group] of paths) {
      const documented = group.map((operation) => operation.method);
      const path = pathOf(group[0]);
      // A method no route serves at this address: `DELETE /v1/subscribers/confirm` is the route `DELETE /v1/subscribers/{id}`.
      const servedElsewhere = (method: string) => operations.some((o) => o.service === group[0].service && o.method === method && templateMatches(o.template, path));
      const wrong = ['DELETE', 'PUT', 'PATCH', 'POST'].find((method) => !documented.includes(method) && !servedElsewhere(method));
      if (wrong === undefined) continue;
      tried += 1;
      const response = await fetch(newsroom.url(group[0].service, path), {
        method: wrong,
        headers: { authorization: `Bearer ${newsroom.token(admin.role, admin.user)}`, accept: 'application/json' },
      });
      const allow = (response.headers.get('allow') ?? '').split(', ');
      const code = (response.headers.get('content-type') ?? '').includes('json') ? ((await response.json()) as { error?: { code?: string } }).error?.code : await response.text();
      if (response.status !== 405 || code !== 'ROUTE.METHOD_NOT_ALLOWED' || !documented.every((method) => allow.includes(method))) {
        failures.push(`${wrong} ${key}: ${response.status} ${code} Allow: ${allow.join(', ')} (documented: ${documented.join(', ')})`);
      }
    }
    // Notifications' paths for the site's scripts carry CORS middleware bound to every method.
    expect([...paths.keys()]).toEqual(expect.arrayContaining(['notifications /v1/push-subscriptions', 'notifications /v1/alert-clicks']));
    expect(tried).toBeGreaterThan(20);
    expect(failures).toEqual([]);
  });

  it('answers OPTIONS on every documented path with 204 and an Allow naming its methods (RFC 9110 §9.3.7)', async () => {
    const paths = new Map<string, Operation[]>();
    for (const operation of operations) {
      const key = `${operation.service} ${operation.template}`;
      paths.set(key, [...(paths.get(key) ?? []), operation]);
    }
    const failures: string[] = [];
    for (const [key, group] of paths) {
      // The site's pages and the subscriber pages as a browser asks (their own error filters), the rest as a client of the API.
      const response = await fetch(newsroom.url(group[0].service, pathOf(group[0])), { method: 'OPTIONS', headers: { accept: group[0].method === 'GET' ? 'text/html' : 'application/json' } });
      const allow = (response.headers.get('allow') ?? '').split(', ');
      const documented = [...group.map((operation) => operation.method), 'OPTIONS'];
      if (response.status !== 204 || !documented.every((method) => allow.includes(method))) failures.push(`OPTIONS ${key}: ${response.status} Allow: ${allow.join(', ')} (documented: ${documented.join(', ')})`);
    }
    expect(paths.size).toBeGreaterThan(20);
    expect(failures).toEqual([]);
  });

  it("answers what Node's HTTP parser refuses (headers over 16 KB, a broken request line, double framing) with a coded JSON error on every service", async () => {
    const requests: [string, number, string][] = [
      [`GET /health/live HTTP/1.1\r\nHost: x\r\nCookie: ${'c'.repeat(20_000)}\r\n\r\n`, 431, 'REQUEST.HEADERS_TOO_LARGE'],
      ['GET /health/live HTTP/9.9 now\r\n\r\n', 400, 'REQUEST.MALFORMED'],
      ['POST /v1/drafts HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 400, 'REQUEST.MALFORMED'],
    ];
    const answers: string[] = [];
    for (const service of SERVICE_NAMES) {
      for (const [raw] of requests) {
        const answer = await rawExchange(new URL(newsroom.url(service)).port, raw);
        const [head, body] = [answer.slice(0, answer.indexOf('\r\n\r\n')), answer.slice(answer.indexOf('\r\n\r\n') + 4)];
        const json = /^content-type: application\/json/im.test(head) ? (JSON.parse(body) as { error?: { code?: string } }) : undefined;
        answers.push(`${service} ${head.split(' ')[1]} ${json?.error?.code}`);
      }
    }
    expect(answers).toEqual(SERVICE_NAMES.flatMap((service) => requests.map(([, status, code]) => `${service} ${status} ${code}`)));
  });

  describe('the reported cases', () => {
    const reporter = { role: 'reporter' as const, user: 'rhea.reporter' };
    const editor = { role: 'editor' as const, user: 'eddie.editor' };

    it.each([
      ['U+001D in a headline', { headline: 'Crane ban\u001D' }, 'headline', 'U+001D'],
      ['U+000B in a standfirst', { standfirst: 'Residents won\u000B' }, 'standfirst', 'U+000B'],
      ['U+0008 in a paragraph', { body: [{ type: 'paragraph', text: 'Backspace\u0008' }] }, 'body.0.text', 'U+0008'],
      ['U+FFFE in a paragraph', { body: [{ type: 'paragraph', text: 'Noncharacter\uFFFE' }] }, 'body.0.text', 'U+FFFE'],
      ['NUL in a headline', { headline: 'Crane\u0000ban' }, 'headline', 'U+0000'],
      ['a lone surrogate in a headline', { headline: 'Crane \ud83d ban' }, 'headline', 'U+D83D'],
    ])('refuses a draft with %s: 400 naming the field, nothing stored', async (_, change, path, codePoint) => {
      const response = await newsroom.call('drafting', 'POST', '/v1/drafts', reporter, { ...exampleArticle(), ...change });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: { code: 'INPUT.UNSUPPORTED_CHARACTER', details: { in: 'body', path, codePoint } } });
    });

    it.each<[string, unknown]>([
      ['a JSON string of 200 characters', 'x'.repeat(200)],
      ['a short JSON string', 'text'],
      ['a number', 42],
      ['true', true],
    ])('calls a draft body that is %s "not an object", not "not valid JSON": 400 REQUEST.BODY_NOT_OBJECT', async (_, body) => {
      const response = await newsroom.call('drafting', 'POST', '/v1/drafts', reporter, body);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: { code: 'REQUEST.BODY_NOT_OBJECT' } });
    });

    it.each([
      ['a correction note with NUL', 'publishing' as const, `/v1/articles/${ARTICLE_ID}/corrections`, { note: 'Corrected\u0000' }, 'note'],
      ['a correction note with a lone surrogate', 'publishing' as const, `/v1/articles/${ARTICLE_ID}/corrections`, { note: 'Corrected \ud83d' }, 'note'],
      ['an editor note with U+001D', 'editorial-review' as const, `/v1/reviews/${ARTICLE_ID}/request-changes`, { note: 'Please\u001D' }, 'note'],
      ['a review comment with U+0085', 'editorial-review' as const, `/v1/reviews/${ARTICLE_ID}/comments`, { body: 'Check\u0085' }, 'body'],
      ['a subscriber e-mail with U+000B', 'notifications' as const, '/v1/subscribers', { email: 'reader\u000B@example.com', sections: ['politics'] }, 'email'],
      ['a push endpoint with NUL', 'notifications' as const, '/v1/push-subscriptions', { endpoint: 'https://push.example.org/\u0000', keys: { p256dh: 'x', auth: 'y' } }, 'endpoint'],
    ])('refuses %s with 400 INPUT.UNSUPPORTED_CHARACTER, not 500', async (_, service, path, body, field) => {
      const response = await newsroom.call(service, 'POST', path, editor, body);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: { code: 'INPUT.UNSUPPORTED_CHARACTER', details: { path: field } } });
    });

    // Text a person must write shows nothing when it is only spaces and invisible characters.
    it.each([
      ['a correction note', 'publishing' as const, `/v1/articles/${ARTICLE_ID}/corrections`, { note: '\u200B\u200B' }, 'note'],
      ['a withdrawal reason', 'publishing' as const, `/v1/articles/${ARTICLE_ID}/unpublish`, { reason: '\u2060 \u200B' }, 'reason'],
      ['a kill reason', 'publishing' as const, `/v1/articles/${ARTICLE_ID}/kill`, { reason: '\u3164' }, 'reason'],
      ['a change request', 'editorial-review' as const, `/v1/reviews/${ARTICLE_ID}/request-changes`, { note: '\u200B' }, 'note'],
      ['a rejection reason', 'editorial-review' as const, `/v1/reviews/${ARTICLE_ID}/reject`, { reason: '\uFEFF\u200D' }, 'reason'],
      ['a review comment', 'editorial-review' as const, `/v1/reviews/${ARTICLE_ID}/comments`, { body: '\u200B\n\u200C' }, 'body'],
    ])('refuses %s made only of zero-width or invisible characters with 400 naming the field', async (_, service, path, body, field) => {
      const response = await newsroom.call(service, 'POST', path, admin, body);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: { code: 'REQUEST.VALIDATION_FAILED', details: [{ path: field, message: `${field} must contain visible text, not only spaces or invisible characters` }] } });
    });

    it('dead-letters a consumed event carrying NUL or a lone surrogate, and keeps consuming', async () => {
      const bus = new TestEventBus(newsroom.broker.brokers);
      try {
        const deadLetters = await bus.collect(deadLetterTopicOf(TOPICS.review));
        const content = validatePlain(ArticleContent, exampleArticle());
        if (!content.ok) throw new Error('the example article is invalid');
        const forged = (headline: string) => {
          const articleId = randomUUID();
          const event = createEvent(
            EVENT_TYPES.articleApproved,
            { articleId, revision: 1, editorId: 'eve', authorId: 'alice', approvedAt: new Date().toISOString(), priority: 'normal', article: content.value },
            { subject: articleId },
          );
          // Written as a broken producer would: the escape survives JSON.stringify as \u0000 or \ud83d.
          return { articleId, raw: JSON.stringify(event).replace('"headline":"', `"headline":"${headline}`) };
        };
        const withNul = forged('\\u0000');
        const withSurrogate = forged('\\ud83d');
        await bus.produce(TOPICS.review, withNul.raw, { key: withNul.articleId });
        await bus.produce(TOPICS.review, withSurrogate.raw, { key: withSurrogate.articleId });
        const reasons = await eventually(
          'both dead letters',
          async () => {
            const found = [withNul, withSurrogate].map(({ articleId }) => deadLetters.find((m) => m.key === articleId)?.headers['x-dlq-error']);
            return found.every(Boolean) ? found : undefined;
          },
          { timeoutMs: 30_000 },
        );
        expect(reasons).toEqual([expect.stringContaining('U+0000'), expect.stringContaining('U+D83D')]);
        expect((await newsroom.call('publishing', 'GET', `/v1/articles/${withNul.articleId}`, null)).status).toBe(404);
      } finally {
        await bus.close();
      }
    });

    it('answers GET /v1/deliveries?offset=1e20 with 400 naming the range', async () => {
      const response = await newsroom.call('notifications', 'GET', `/v1/deliveries?articleId=${ARTICLE_ID}&offset=1e20`, editor);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: { code: 'REQUEST.VALIDATION_FAILED', message: expect.stringContaining('offset must be a whole number from 0 to 100000') } });
    });
  });

  describe('article size limits, end to end through the broker', () => {
    const reporter = { role: 'reporter' as const, user: 'lena.longform' };
    const editor = { role: 'editor' as const, user: 'erin.editor' };
    const paragraphs = (count: number, length: number) => Array.from({ length: count }, (_, i) => ({ type: 'paragraph', text: `${i} ${'a'.repeat(length - 2 - String(i).length)}.` }));

    it('accepts a 120 KB article of 15 paragraphs of 8,000 characters', async () => {
      const response = await newsroom.call<{ id: string }>('drafting', 'POST', '/v1/drafts', reporter, { ...exampleArticle(), body: paragraphs(15, 8_000) });
      expect(response.status).toBe(201);
    });

    it('publishes an article just under the body limit: drafting → review → publishing', async () => {
      const article = { ...exampleArticle(), headline: 'The longest story the desk can file', body: paragraphs(52, 10_000) };
      expect(JSON.stringify(article.body).length).toBeGreaterThan(500_000);
      const created = await newsroom.call<{ id: string }>('drafting', 'POST', '/v1/drafts', reporter, article);
      expect(created.status).toBe(201);
      const id = created.body.id;
      expect((await newsroom.call('drafting', 'POST', `/v1/drafts/${id}/submit`, reporter)).status).toBe(202);
      await eventually('the review item', async () => ((await newsroom.call('editorial-review', 'GET', `/v1/reviews/${id}`, editor)).status === 200) || undefined, { timeoutMs: 30_000 });
      expect((await newsroom.call('editorial-review', 'POST', `/v1/reviews/${id}/claim`, editor)).status).toBe(200);
      expect((await newsroom.call('editorial-review', 'POST', `/v1/reviews/${id}/approve`, editor, {})).status).toBe(200);
      const published = await eventually(
        'the published article',
        async () => {
          const response = await newsroom.call<{ body?: unknown[] }>('publishing', 'GET', `/v1/articles/${id}`, null);
          return response.status === 200 ? response.body : undefined;
        },
        { timeoutMs: 30_000 },
      );
      expect(JSON.stringify(published)).toContain('The longest story the desk can file');

      // Every route that takes the whole article takes this one: an editor previews it, asks what
      // approving a revision would carry, and corrects one paragraph (a correction's body replaces
      // the body whole, so all of it is sent).
      const preview = await newsroom.call('publishing', 'POST', '/v1/preview', editor, article);
      expect(preview.status).toBe(200);
      const carry = await newsroom.call('publishing', 'POST', `/v1/articles/${id}/correction-carry`, editor, article);
      expect([carry.status, carry.body]).toEqual([200, expect.objectContaining({ carried: [], notCarried: [] })]);
      const corrected = [{ type: 'paragraph', text: 'A corrected opening paragraph.' }, ...article.body.slice(1)];
      const correction = await newsroom.call('publishing', 'POST', `/v1/articles/${id}/corrections`, editor, { note: 'The opening misnamed the inquiry.', changes: { body: corrected } });
      expect(correction.status).toBe(201);
      expect(JSON.stringify(correction.body)).toContain('A corrected opening paragraph.');
    });

    it('refuses an article just over the body limit with 400 at body, before anything is stored', async () => {
      const response = await newsroom.call('drafting', 'POST', '/v1/drafts', reporter, { ...exampleArticle(), body: paragraphs(53, 10_000) });
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).toContain('bytes as JSON');
    });

    it('refuses a request body over the route limit with 413 REQUEST.TOO_LARGE', async () => {
      const draft = await newsroom.call('drafting', 'POST', '/v1/drafts', reporter, { ...exampleArticle(), body: paragraphs(110, 10_000) });
      expect(draft).toMatchObject({ status: 413, body: { error: { code: 'REQUEST.TOO_LARGE' } } });
      const note = await newsroom.call('editorial-review', 'POST', `/v1/reviews/${ARTICLE_ID}/comments`, editor, { body: 'x'.repeat(120_000) });
      expect(note).toMatchObject({ status: 413, body: { error: { code: 'REQUEST.TOO_LARGE' } } });
      // A route beside the article routes keeps the small limit.
      const withdrawal = await newsroom.call('publishing', 'POST', `/v1/articles/${ARTICLE_ID}/unpublish`, editor, { reason: 'x'.repeat(120_000) });
      expect(withdrawal).toMatchObject({ status: 413, body: { error: { code: 'REQUEST.TOO_LARGE' } } });
      const correction = await newsroom.call('publishing', 'POST', `/v1/articles/${ARTICLE_ID}/corrections`, editor, { note: 'n', changes: { body: paragraphs(110, 10_000) } });
      expect(correction).toMatchObject({ status: 413, body: { error: { code: 'REQUEST.TOO_LARGE' } } });
    });
  });

  describe('security headers', () => {
    it.each(SERVICE_NAMES.map((service) => [service]))('%s sends them on its API, its errors and its docs, and never X-Powered-By', async (service) => {
      for (const path of ['/health/live', '/v1/no-such-route', '/docs', '/docs-json']) {
        const response = await fetch(newsroom.url(service, path));
        const where = `${service} ${path}`;
        expect({ where, poweredBy: response.headers.get('x-powered-by') }).toEqual({ where, poweredBy: null });
        expect({ where, nosniff: response.headers.get('x-content-type-options') }).toEqual({ where, nosniff: 'nosniff' });
        expect({ where, csp: response.headers.get('content-security-policy') }).toEqual({ where, csp: expect.stringContaining("frame-ancestors 'none'") });
        expect({ where, frame: response.headers.get('x-frame-options') }).toEqual({ where, frame: expect.stringMatching(/^(DENY|SAMEORIGIN)$/) });
        expect({ where, hsts: response.headers.get('strict-transport-security') }).toEqual({ where, hsts: expect.stringContaining('max-age=') });
      }
    });
  });
});

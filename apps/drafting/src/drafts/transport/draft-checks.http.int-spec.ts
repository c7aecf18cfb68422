/**
 * A draft's editorial checks over HTTP on the drafting service (real PostgreSQL, a broker
 * because the service consumes events): the shared checks on the current text against
 * SITE_SECTIONS, who may read them, and the coded refusals. Each check's rule is covered by
 * the contracts' spec of `runEditorialChecks`.
 */
import { CHECK_CODES, runEditorialChecks, type CheckResult, type CheckSummary } from '@newsroom/contracts';
import { ServiceUnderTest, type HttpClient } from '@newsroom/test-harness';
import { startLocalBroker, type LocalBroker } from '@newsroom/testing';
import { article, sampleArticle } from '../../../test/article.fixtures';
import { startDrafting } from '../../drafting.service';
import type { DraftView } from '../use-cases/read-drafts/draft.views';

jest.setTimeout(120_000);

/** A deliberately short list: the sample article's `business` is not on it. */
const SITE_SECTIONS = 'politics=Politics,world=World,climate-change';

interface DraftChecks {
  items: CheckResult[];
  summary: CheckSummary;
}

interface ErrorBody {
  error: { code: string; message: string };
}

describe('drafting: a draft’s editorial checks over HTTP', () => {
  let broker: LocalBroker;
  let service: ServiceUnderTest;
  let alice: HttpClient;
  let bob: HttpClient;
  let editor: HttpClient;

  beforeAll(async () => {
    broker = await startLocalBroker();
    service = await ServiceUnderTest.start({ name: 'drafting_checks', schema: 'drafting', brokers: broker.brokers, env: { SITE_SECTIONS }, boot: startDrafting });
    alice = service.as('reporter', 'alice');
    bob = service.as('reporter', 'bob');
    editor = service.as('editor', 'eve');
  });

  afterAll(async () => {
    await service?.close();
    await broker?.stop();
  });

  /** A draft by alice of the sample article with `overrides`; returns its id. */
  async function draftOf(overrides: Record<string, unknown> = {}): Promise<string> {
    const created = await alice.post<DraftView>('/v1/drafts', { ...sampleArticle(), ...overrides });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  it('finds what editorial-review would, in article order, against the configured section list', async () => {
    const body = [
      { type: 'paragraph', text: 'Read [the memo](javascript:alert(1)).' },
      { type: 'quote', text: 'We will adapt.' },
      { type: 'subheading', text: 'Dangling' },
    ];
    const id = await draftOf({ dateline: null, body });

    const answer = await alice.get<DraftChecks>(`/v1/drafts/${id}/checks`);

    expect(answer.status).toBe(200);
    expect(answer.body.items.map((r) => [r.severity, r.code, r.path])).toEqual([
      ['warning', CHECK_CODES.datelineMissing, 'dateline'],
      ['warning', CHECK_CODES.sectionUnknown, 'section'],
      ['error', CHECK_CODES.unsafeLink, 'body.0.text'],
      ['error', CHECK_CODES.quoteWithoutAttribution, 'body.1.attribution'],
      ['warning', CHECK_CODES.emptySubheadingSection, 'body.2'],
    ]);
    expect(answer.body.items[1].message).toContain('(politics, world, climate-change)');
    expect(answer.body.summary).toEqual({ errors: 2, warnings: 3 });
    // The shared function itself, with the slugs of SITE_SECTIONS: word for word.
    expect(answer.body.items).toEqual(runEditorialChecks(article({ dateline: null, body }), { sections: ['politics', 'world', 'climate-change'] }));
  });

  it('stores pasted line breaks of one-line fields as spaces, and holds a byline or a dateline place that shows nothing', async () => {
    const id = await draftOf({
      section: 'politics',
      headline: 'Harbour council\r\n approves night-time crane ban',
      dateline: { place: '\u200b', date: '2025-11-21' },
      bylines: [{ name: 'Olena\nKravets' }, { name: '\u200d\u200b' }],
    });

    const stored = await alice.get<DraftView>(`/v1/drafts/${id}`);
    expect(stored.body.article).toMatchObject({ headline: 'Harbour council approves night-time crane ban', bylines: [{ name: 'Olena Kravets' }, { name: '\u200d\u200b' }] });
    const answer = await alice.get<DraftChecks>(`/v1/drafts/${id}/checks`);
    expect(answer.body.items.map((r) => [r.severity, r.code, r.path])).toEqual([
      ['error', CHECK_CODES.datelinePlaceBlank, 'dateline.place'],
      ['error', CHECK_CODES.bylineNameBlank, 'bylines.1.name'],
    ]);
  });

  it('follows the draft’s current text: a fixed draft passes', async () => {
    const id = await draftOf({ section: 'business' });
    expect((await alice.get<DraftChecks>(`/v1/drafts/${id}/checks`)).body.items.map((r) => r.code)).toEqual([CHECK_CODES.sectionUnknown]);

    const edited = await alice.patch(`/v1/drafts/${id}`, { section: 'climate-change' }, { headers: { 'if-match': '"1"' } });
    expect(edited.status).toBe(200);

    expect((await alice.get<DraftChecks>(`/v1/drafts/${id}/checks`)).body).toEqual({ items: [], summary: { errors: 0, warnings: 0 } });
  });

  it('answers whoever may read the draft, and nobody else', async () => {
    const id = await draftOf({ section: 'politics' });
    const path = `/v1/drafts/${id}/checks`;

    expect((await editor.get<DraftChecks>(path)).body.summary).toEqual({ errors: 0, warnings: 0 });
    const someoneElses = await bob.get<ErrorBody>(path);
    expect([someoneElses.status, someoneElses.body.error.code]).toEqual([404, 'DRAFT.NOT_FOUND']);
    const unknown = await alice.get<ErrorBody>('/v1/drafts/3f2a8c1e-5b7d-4e9a-8c6f-1d2e3f4a5b6c/checks');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'DRAFT.NOT_FOUND']);
    const malformed = await alice.get<ErrorBody>('/v1/drafts/not-a-uuid/checks');
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'REQUEST.INVALID_ID']);
    expect((await service.anonymous.get(path)).status).toBe(401);
  });

  it('documents the endpoint and its answer in the OpenAPI document', async () => {
    type Docs = { paths: Record<string, { get?: { responses: Record<string, unknown> } }>; components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
    const docs = await service.anonymous.get<Docs>('/docs-json');
    expect(Object.keys(docs.body.paths['/v1/drafts/{id}/checks'].get?.responses ?? {})).toEqual(expect.arrayContaining(['200', '404']));
    expect(Object.keys(docs.body.components.schemas.DraftChecksView.properties)).toEqual(['items', 'summary']);
  });
});

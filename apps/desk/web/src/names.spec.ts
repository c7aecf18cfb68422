import { forgetNames, peopleNames, personName, sectionLabel, shortId } from './names';

const ALICE = 'f960707e-d969-49fa-ba6d-c9776d5724f5';

describe('names: what the desk shows for account ids and section slugs', () => {
  it("shows a desk account's name for its id", () => {
    expect(personName(new Map([[ALICE, 'Alice Reporter']]), ALICE)).toBe('Alice Reporter');
  });

  it('shows an id that is no desk account as itself, a long one shortened', () => {
    expect(personName(new Map(), ALICE)).toBe('f960707e…');
    expect(personName(new Map(), 'alice')).toBe('alice');
    expect(shortId('eleanor-the-editor')).toBe('eleanor-…');
  });

  it("shows a section's label, and the slug of one no longer in the list", () => {
    const sections = [
      { slug: 'world', label: 'World' },
      { slug: 'politics', label: 'Politics' },
    ];
    expect(sectionLabel(sections, 'world')).toBe('World');
    expect(sectionLabel(sections, 'retired-desk')).toBe('retired-desk');
  });
});

describe(peopleNames.name, () => {
  const realFetch = globalThis.fetch;
  let calls: number;
  let accounts: { id: string; name: string }[];
  let now: number;

  beforeEach(() => {
    forgetNames();
    calls = 0;
    accounts = [{ id: ALICE, name: 'Alice Reporter' }];
    now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    globalThis.fetch = (async (url: string) => {
      calls += 1;
      expect(url).toBe('/api/accounts/names');
      return new Response(JSON.stringify({ items: accounts }), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
  });

  afterEach(() => {
    globalThis.fetch = realFetch;
    jest.restoreAllMocks();
  });

  it('asks the desk once for the page, however often screens refresh', async () => {
    const [first, second] = await Promise.all([peopleNames([ALICE]), peopleNames([ALICE])]);
    expect(first.get(ALICE)).toBe('Alice Reporter');
    expect(second).toBe(first);
    await peopleNames([ALICE, null]);
    expect(calls).toBe(1);
  });

  it('asks again for an id it does not know, at most once a minute', async () => {
    await peopleNames([ALICE]);
    accounts = [...accounts, { id: 'new-colleague-id-0001', name: 'Nina New' }];
    expect((await peopleNames(['new-colleague-id-0001'])).get('new-colleague-id-0001')).toBeUndefined();
    now += 61_000;
    expect((await peopleNames(['new-colleague-id-0001'])).get('new-colleague-id-0001')).toBe('Nina New');
    expect(calls).toBe(2);
  });

  it('goes on with ids when the names cannot be fetched, and asks again next time', async () => {
    globalThis.fetch = (async () => {
      calls += 1;
      throw new TypeError('offline');
    }) as typeof fetch;
    expect((await peopleNames([ALICE])).size).toBe(0);
    await peopleNames([ALICE]);
    expect(calls).toBe(2);
  });
});

import { UseCaseTestbed } from '@newsroom/test-harness';
import { SiteSectionList } from '@newsroom/site-sections';
import { publishingTestbed, SECTION_LIST_PROVIDERS } from '../../../../test/publishing.fixtures';
import { SeedSectionsUseCase } from './seed-sections.use-case';

describe(SeedSectionsUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let seed: SeedSectionsUseCase;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(publishingTestbed('seed_sections', { clock: 'system', providers: [...SECTION_LIST_PROVIDERS, SeedSectionsUseCase] }));
    seed = testbed.get(SeedSectionsUseCase);
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(() => testbed.reset());

  it('stores SITE_SECTIONS as version 1 on a first start, announces the whole list and serves it at once', async () => {
    expect(await seed.execute()).toEqual({ version: 1 });

    const [stored] = await testbed.query<{ version: number; sections: unknown; changed_at: Date }>(`SELECT version, sections, changed_at FROM site_sections`);
    expect(stored).toMatchObject({ version: 1, sections: [{ slug: 'politics', label: 'Politics' }] });
    expect(await testbed.recordedEvents()).toEqual([
      expect.objectContaining({
        type: 'news.site.sections-changed.v1',
        data: { version: 1, sections: [{ slug: 'politics', label: 'Politics' }], changedAt: stored.changed_at.toISOString() },
      }),
    ]);
    expect(testbed.get(SiteSectionList).version()).toBe(1);
  });

  it('keeps the list a deployment has already, and announces nothing', async () => {
    await testbed.query(`INSERT INTO site_sections (id, version, sections, changed_at) VALUES (1, 4, '[{"slug":"world","label":"World"}]', now())`);

    expect(await seed.execute()).toBeNull();

    expect(await testbed.query(`SELECT version, sections FROM site_sections`)).toEqual([{ version: 4, sections: [{ slug: 'world', label: 'World' }] }]);
    expect(await testbed.recordedEvents()).toEqual([]);
  });

  it('stores the list once when two replicas seed together', async () => {
    const outcomes = await Promise.all([seed.execute(), seed.execute()]);

    expect(outcomes.filter((outcome) => outcome !== null)).toEqual([{ version: 1 }]);
    expect(await testbed.recordedEvents()).toHaveLength(1);
  });
});

import { UseCaseTestbed } from '@newsroom/test-harness';
import { refusal } from '@newsroom/testing';
import { SiteSectionList } from '@newsroom/site-sections';
import { publishingTestbed, SECTION_LIST_PROVIDERS } from '../../../../test/publishing.fixtures';
import { SeedSectionsUseCase } from '../seed-sections/seed-sections.use-case';
import { ChangeSectionsCommand } from './change-sections.command';
import { ChangeSectionsUseCase } from './change-sections.use-case';

const NEW_LIST = [
  { slug: 'politics', label: 'Politics' },
  { slug: 'climate', label: 'Climate desk' },
];

describe(ChangeSectionsUseCase.name, () => {
  let testbed: UseCaseTestbed;
  const change = (expectedVersion: number, sections = NEW_LIST) =>
    testbed.get(ChangeSectionsUseCase).execute(ChangeSectionsCommand.create({ expectedVersion, sections, adminId: 'admin-ada' }));
  const sectionEvents = async () => (await testbed.recordedEvents()).filter((event) => event.type === 'news.site.sections-changed.v1');

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(
      publishingTestbed('change_sections', { clock: 'system', providers: [...SECTION_LIST_PROVIDERS, SeedSectionsUseCase, ChangeSectionsUseCase] }),
    );
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(async () => {
    await testbed.reset();
    await testbed.get(SeedSectionsUseCase).execute();
  });

  it('stores the new list at the next version, announces it and serves it at once', async () => {
    const changed = await change(1);

    expect(changed).toMatchObject({ version: 2, sections: NEW_LIST });
    expect(await testbed.query(`SELECT version, sections FROM site_sections`)).toEqual([{ version: 2, sections: NEW_LIST }]);
    expect((await sectionEvents()).at(-1)).toMatchObject({
      type: 'news.site.sections-changed.v1',
      data: { version: 2, sections: NEW_LIST, changedAt: changed.changedAt.toISOString() },
    });
    expect(testbed.get(SiteSectionList).slugs()).toEqual(['politics', 'climate']);
  });

  it('refuses a change made on an older version with SECTIONS.VERSION_CONFLICT, naming the current one, and stores nothing', async () => {
    await change(1);

    const conflict = await refusal(change(1, [{ slug: 'world', label: 'World' }]));

    expect(conflict).toMatchObject({ code: 'SECTIONS.VERSION_CONFLICT', kind: 'precondition_failed', details: { currentVersion: 2 } });
    expect(await testbed.query(`SELECT version, sections FROM site_sections`)).toEqual([{ version: 2, sections: NEW_LIST }]);
    expect((await sectionEvents()).map((event) => (event.data as { version: number }).version)).toEqual([1, 2]);
  });

  it('lets exactly one of two admins editing the same version win', async () => {
    const outcomes = await Promise.allSettled([change(1), change(1, [{ slug: 'world', label: 'World' }])]);

    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await testbed.query(`SELECT version FROM site_sections`)).toEqual([{ version: 2 }]);
    expect(await sectionEvents()).toHaveLength(2);
  });
});

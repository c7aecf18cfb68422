import { DataSource } from 'typeorm';
import type { SiteSectionsChangedData } from '@newsroom/contracts';
import { buildDataSourceOptions, runMigrationsUnderLock, UnitOfWork } from '@newsroom/persistence';
import { eventually } from '@newsroom/test-harness';
import { createTestDatabase, type TestDatabase } from '@newsroom/testing';
import { CreateSiteSections1764600000000 } from './create-site-sections.migration';
import { SiteSectionFollower } from './site-section-follower';
import { SiteSectionList } from './site-section-list';
import { readSiteSections, replaceSiteSections, seedSiteSections } from './site-section-store';

const INITIAL = [
  { slug: 'politics', label: 'Politics' },
  { slug: 'world', label: 'World' },
];
const TTL_MS = 5_000;

describe('the site section list a service keeps', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let unitOfWork: UnitOfWork;
  let clock: number;

  const listOn = (source: DataSource) => new SiteSectionList(source, INITIAL, { ttlMs: TTL_MS, now: () => clock });
  const changed = (version: number, slugs: string[]): SiteSectionsChangedData =>
    ({ version, sections: slugs.map((slug) => ({ slug, label: slug.toUpperCase() })), changedAt: new Date(Date.UTC(2025, 10, version)).toISOString() }) as SiteSectionsChangedData;

  beforeAll(async () => {
    db = await createTestDatabase('newsroom_site_sections');
    dataSource = new DataSource(
      buildDataSourceOptions({ url: db.url, schema: 'followers', applicationName: 'site-sections-test', entities: [], migrations: [CreateSiteSections1764600000000] }),
    );
    await dataSource.initialize();
    await runMigrationsUnderLock(dataSource, 'followers');
    unitOfWork = new UnitOfWork(dataSource);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });
  beforeEach(async () => {
    clock = 0;
    await dataSource.query('DELETE FROM site_sections');
  });

  describe(SiteSectionFollower.name, () => {
    it('answers with SITE_SECTIONS until a list is stored, then with the stored list', async () => {
      const list = listOn(dataSource);
      await list.refresh();
      expect(list.current()).toEqual(INITIAL);
      expect(list.version()).toBe(0);

      const follower = new SiteSectionFollower(unitOfWork, list);
      await unitOfWork.run(() => follower.apply(changed(1, ['politics', 'climate'])));
      expect(list.slugs()).toEqual(['politics', 'climate']);
      expect(list.version()).toBe(1);
    });

    it('keeps the newest version: a replayed or late older event changes nothing', async () => {
      const follower = new SiteSectionFollower(unitOfWork, listOn(dataSource));
      const apply = (data: SiteSectionsChangedData) => unitOfWork.run(() => follower.apply(data));

      expect(await apply(changed(3, ['culture']))).toBe(true);
      expect(await apply(changed(2, ['science']))).toBe(false);
      expect(await apply(changed(3, ['science']))).toBe(false);
      expect((await readSiteSections(dataSource))?.sections.map((s) => s.slug)).toEqual(['culture']);

      expect(await apply(changed(4, ['science', 'culture']))).toBe(true);
      expect(await readSiteSections(dataSource)).toEqual({ version: 4, sections: [{ slug: 'science', label: 'SCIENCE' }, { slug: 'culture', label: 'CULTURE' }], changedAt: new Date(Date.UTC(2025, 10, 4)) });
    });

    it('stores nothing when the transaction it joined rolls back (the inbox row with it)', async () => {
      const list = listOn(dataSource);
      const follower = new SiteSectionFollower(unitOfWork, list);
      await expect(
        unitOfWork.run(async () => {
          await follower.apply(changed(1, ['world']));
          throw new Error('the consumer failed after applying');
        }),
      ).rejects.toThrow('the consumer failed');
      expect(await readSiteSections(dataSource)).toBeNull();
      expect(list.version()).toBe(0);
    });

    it('refuses to run outside a unit of work, where it could commit without its inbox row', async () => {
      const follower = new SiteSectionFollower(unitOfWork, listOn(dataSource));
      await expect(follower.apply(changed(1, ['world']))).rejects.toThrow(/must run inside UnitOfWork.run/);
    });
  });

  describe(SiteSectionList.name, () => {
    it('sees a change another replica stored once its copy is older than the TTL, without a read per call', async () => {
      const consuming = listOn(dataSource);
      const other = listOn(dataSource);
      await other.refresh();
      expect(other.version()).toBe(0);

      await unitOfWork.run(() => new SiteSectionFollower(unitOfWork, consuming).apply(changed(5, ['business'])));
      clock += TTL_MS - 1;
      expect(other.slugs()).toEqual(['politics', 'world']);

      clock += 1;
      other.current(); // starts the background read; the call itself answers from the copy
      await other.refresh();
      expect(other.slugs()).toEqual(['business']);
      expect(other.version()).toBe(5);
    });

    it('on requestRefresh reads the table at most once per TTL, and still sees a change stored after its last read', async () => {
      const ttlMs = 200;
      const list = new SiteSectionList(dataSource, INITIAL, { ttlMs, now: () => clock });
      const seen: number[] = [];
      list.onChange((snapshot) => seen.push(snapshot.version));
      await list.refresh();
      const reads = jest.spyOn(dataSource, 'query');
      try {
        await seedSiteSections(dataSource, INITIAL, new Date());
        reads.mockClear();
        clock += ttlMs / 2;
        // As publishing's page cache does for every event recorded: the copy is fresh, so the read waits.
        for (let event = 0; event < 20; event += 1) list.requestRefresh();
        await new Promise((resolve) => setImmediate(resolve));
        expect(reads).not.toHaveBeenCalled();
        clock += ttlMs;
        await eventually('the stored list, read once the copy is a TTL old', () => list.version() === 1);
        expect(seen).toEqual([1]);
        expect(reads).toHaveBeenCalledTimes(1);
      } finally {
        reads.mockRestore();
        list.onModuleDestroy();
      }
    });

    it('tells its listeners of a newer list it accepts, once', () => {
      const list = listOn(dataSource);
      const seen: number[] = [];
      const stop = list.onChange((snapshot) => seen.push(snapshot.version));
      const snapshot = (version: number) => ({ version, sections: INITIAL, changedAt: new Date() });
      list.accept(snapshot(2));
      list.accept(snapshot(2));
      list.accept(snapshot(1));
      stop();
      list.accept(snapshot(3));
      expect(seen).toEqual([2]);
    });

    it('keeps the copy it has when the table cannot be read', async () => {
      const broken = new DataSource({ ...dataSource.options, schema: 'nowhere' } as typeof dataSource.options);
      await broken.initialize();
      try {
        const list = listOn(broken);
        await expect(list.refresh()).resolves.toBeUndefined();
        expect(list.current()).toEqual(INITIAL);
      } finally {
        await broken.destroy();
      }
    });
  });

  describe('the owner (publishing)', () => {
    it('seeds the first list once and changes it only from the version it was read at', async () => {
      const at = new Date('2025-11-21T12:00:00.000Z');
      expect(await seedSiteSections(dataSource, INITIAL, at)).toEqual({ version: 1, sections: INITIAL, changedAt: at });
      expect(await seedSiteSections(dataSource, [{ slug: 'other', label: 'Other' }], at)).toBeNull();

      const next = [{ slug: 'world', label: 'The world' }];
      expect(await replaceSiteSections(dataSource, 1, next, at)).toEqual({ version: 2, sections: next, changedAt: at });
      expect(await replaceSiteSections(dataSource, 1, INITIAL, at)).toBeNull();
      expect((await readSiteSections(dataSource))?.sections).toEqual(next);
    });
  });
});

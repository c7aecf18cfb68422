import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AclOperationTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import { EVENT_SOURCES, TOPICS } from '@newsroom/contracts';
import { NEWSROOM_SERVICES, TOPIC_ACCESS, accessSettingsFromEnv, describeAcl, newsroomAcls } from './topic-access';

const APPS = path.resolve(__dirname, '../../../../apps');

/** `@ConsumeTopic(TOPICS.x)` handlers of an app, as topic names. */
function consumedByApp(app: string): string[] {
  const found = new Set<string>();
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (entry.name.endsWith('.ts') && !entry.name.includes('spec')) {
        for (const match of readFileSync(file, 'utf8').matchAll(/@ConsumeTopic\(TOPICS\.(\w+)\)/g)) found.add(TOPICS[match[1] as keyof typeof TOPICS]);
      }
    }
  };
  visit(path.join(APPS, app, 'src'));
  return [...found].sort();
}

describe('TOPIC_ACCESS', () => {
  it("gives each topic to the service the contracts name as its events' source", () => {
    for (const [producer, topic] of Object.entries(TOPICS)) {
      const source = EVENT_SOURCES[producer as keyof typeof EVENT_SOURCES].replace(/^newsroom\//, '');
      expect({ topic, producedBy: NEWSROOM_SERVICES.filter((s) => TOPIC_ACCESS[s].produces === topic) }).toEqual({ topic, producedBy: [source] });
    }
  });

  it.each(NEWSROOM_SERVICES.map((service) => [service]))('lets %s read exactly the topics its consumers subscribe to', (service) => {
    expect([...TOPIC_ACCESS[service].consumes].sort()).toEqual(consumedByApp(service));
  });
});

describe(newsroomAcls.name, () => {
  it("grants notifications only reading publishing's topic, in its own group, and writing and reading its dead letters", () => {
    const mine = newsroomAcls().filter((acl) => acl.principal === 'User:notifications').map(describeAcl);
    expect(mine.sort()).toEqual(
      [
        'User:notifications WRITE TOPIC:newsroom.publishing.article.v1.dlq',
        'User:notifications DESCRIBE TOPIC:newsroom.publishing.article.v1.dlq',
        'User:notifications READ TOPIC:newsroom.publishing.article.v1.dlq',
        'User:notifications READ TOPIC:newsroom.publishing.article.v1',
        'User:notifications DESCRIBE TOPIC:newsroom.publishing.article.v1',
        'User:notifications READ GROUP:notifications',
        'User:notifications READ GROUP:notifications.dead-letter-reader.*',
      ].sort(),
    );
  });

  it('never grants a wildcard, a cluster right or a deny; a prefix only on the dead-letter readers’ groups', () => {
    for (const acl of newsroomAcls()) {
      expect(acl.resourceName).not.toBe('*');
      expect(acl.resourceType).not.toBe(AclResourceTypes.CLUSTER);
      expect([AclOperationTypes.READ, AclOperationTypes.WRITE, AclOperationTypes.DESCRIBE]).toContain(acl.operation);
      if (acl.resourcePatternType !== ResourcePatternTypes.LITERAL) {
        expect(acl).toMatchObject({ resourceType: AclResourceTypes.GROUP, operation: AclOperationTypes.READ, resourceName: expect.stringMatching(/\.dead-letter-reader\.$/) });
      }
    }
  });

  it('names the principals and groups the environment gives', () => {
    const settings = accessSettingsFromEnv({ KAFKA_PRINCIPAL_EDITORIAL_REVIEW: 'sa-review', KAFKA_PRINCIPAL_PUBLISHING: 'User:pub', KAFKA_CONSUMER_GROUP_NOTIFICATIONS: 'alerts' });
    expect(settings.principals).toMatchObject({ drafting: 'User:drafting', 'editorial-review': 'User:sa-review', publishing: 'User:pub' });
    expect(settings.consumerGroups.notifications).toBe('alerts');
  });
});

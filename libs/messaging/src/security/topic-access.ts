import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  type Admin,
  type AclEntry,
} from 'kafkajs';
import { TOPICS, deadLetterTopicOf, type Topic } from '@newsroom/contracts';
import { deadLetterReaderPrefix } from '../dead-letters';

/** The services that talk to the brokers, each as its own principal. */
export const NEWSROOM_SERVICES = ['drafting', 'editorial-review', 'publishing', 'notifications', 'desk'] as const;
export type NewsroomService = (typeof NEWSROOM_SERVICES)[number];

/**
 * Who writes and who reads each topic: the one table the broker's ACLs are
 * derived from. A service writes only the topic it produces (the outbox
 * relay) and the dead-letter twins of the topics it consumes (the
 * DeadLetterPublisher writes `<topic>.dlq` for a topic it could not process);
 * its consumer group, named after the service, reads only what it consumes.
 * It must agree with the apps' `@ConsumeTopic` handlers and the contracts'
 * producers; the provisioning spec checks the producers.
 */
export const TOPIC_ACCESS: Record<NewsroomService, { produces?: Topic; consumes: Topic[] }> = {
  drafting: { produces: TOPICS.drafting, consumes: [TOPICS.review, TOPICS.publishing] },
  // The publishing topic only for the site's section list (the SECTION_UNKNOWN check).
  'editorial-review': { produces: TOPICS.review, consumes: [TOPICS.drafting, TOPICS.publishing] },
  publishing: { produces: TOPICS.publishing, consumes: [TOPICS.review] },
  notifications: { consumes: [TOPICS.publishing] },
  // The desk has the platform's outbox and logs in, but publishes and reads no topic yet: no ACL.
  desk: { consumes: [] },
};

/** Whom the ACLs name. By default each service logs in as a user of its own name. */
export interface AccessSettings {
  /** Kafka principal per service, e.g. `User:drafting` (the default). */
  principals: Record<NewsroomService, string>;
  /** Consumer group per service; defaults to the service name, as MessagingOptions does. */
  consumerGroups: Record<NewsroomService, string>;
}

export function defaultAccessSettings(): AccessSettings {
  const byService = <T>(make: (service: NewsroomService) => T) =>
    Object.fromEntries(NEWSROOM_SERVICES.map((service) => [service, make(service)])) as Record<NewsroomService, T>;
  return { principals: byService((service) => `User:${service}`), consumerGroups: byService((service) => service) };
}

const allow = (
  principal: string,
  resourceType: AclResourceTypes,
  resourceName: string,
  operation: AclOperationTypes,
  resourcePatternType: ResourcePatternTypes = ResourcePatternTypes.LITERAL,
): AclEntry => ({
  principal,
  host: '*',
  operation,
  permissionType: AclPermissionTypes.ALLOW,
  resourceType,
  resourceName,
  resourcePatternType,
});

/**
 * Every ALLOW entry the newsroom needs. Every topic entry is LITERAL (a prefix
 * would let a service write topics added later). One entry is PREFIXED, on
 * groups: the throwaway groups its dead-letter desk reads the dead-letter
 * topics of what it consumes with (`<group>.dead-letter-reader.<uuid>`, one per
 * read, so that two reads never split the partitions between them); a group
 * only holds offsets, and these are never committed. WRITE and READ imply
 * DESCRIBE, which kafkajs needs for metadata; DESCRIBE is still granted on its
 * own so a reader of the ACLs sees it. No IDEMPOTENT_WRITE: kafkajs's
 * idempotent producer is not used (the outbox and inbox give the guarantee).
 */
export function newsroomAcls(settings: AccessSettings = defaultAccessSettings()): AclEntry[] {
  return NEWSROOM_SERVICES.flatMap((service) => {
    const principal = settings.principals[service];
    const { produces, consumes } = TOPIC_ACCESS[service];
    const writes = [...(produces ? [produces] : []), ...consumes.map(deadLetterTopicOf)];
    return [
      ...writes.flatMap((topic) => [
        allow(principal, AclResourceTypes.TOPIC, topic, AclOperationTypes.WRITE),
        allow(principal, AclResourceTypes.TOPIC, topic, AclOperationTypes.DESCRIBE),
      ]),
      ...consumes.flatMap((topic) => [
        allow(principal, AclResourceTypes.TOPIC, topic, AclOperationTypes.READ),
        allow(principal, AclResourceTypes.TOPIC, topic, AclOperationTypes.DESCRIBE),
        // Its dead-letter desk lists the letters of what it consumes.
        allow(principal, AclResourceTypes.TOPIC, deadLetterTopicOf(topic), AclOperationTypes.READ),
      ]),
      ...(consumes.length > 0
        ? [
            allow(principal, AclResourceTypes.GROUP, settings.consumerGroups[service], AclOperationTypes.READ),
            allow(principal, AclResourceTypes.GROUP, deadLetterReaderPrefix(settings.consumerGroups[service]), AclOperationTypes.READ, ResourcePatternTypes.PREFIXED),
          ]
        : []),
    ];
  });
}

/** What ACL provisioning did. */
export interface AclReport {
  /** Entries that were missing, as `principal OPERATION resourceType:name`. */
  granted: string[];
  /** Entries of the newsroom's principals that the table no longer holds. */
  revoked: string[];
}

/** kafkajs's enums are plain objects at run time, without TypeScript's reverse mapping. */
const nameOf = (values: Record<string, unknown>, value: number): string =>
  Object.entries(values).find(([, v]) => v === value)?.[0] ?? String(value);

/** `principal OPERATION RESOURCE:name`, e.g. `User:drafting WRITE TOPIC:newsroom.drafting.article.v1`. */
export function describeAcl(acl: AclEntry): string {
  const prefixed = acl.resourcePatternType === ResourcePatternTypes.PREFIXED ? '*' : '';
  return `${acl.principal} ${nameOf(AclOperationTypes, acl.operation)} ${nameOf(AclResourceTypes, acl.resourceType)}:${acl.resourceName}${prefixed}`;
}

/**
 * Brings the cluster's ACLs of the newsroom's principals to the table: grants
 * what is missing and revokes what the table no longer says (a consumer moved
 * to another topic loses the old one). Entries of other principals are left
 * alone. Needs a connection as a super user (or one allowed to ALTER the
 * cluster); fails with the broker's SECURITY_DISABLED on a cluster without an
 * authorizer.
 */
export async function provisionAcls(admin: Admin, settings: AccessSettings = defaultAccessSettings()): Promise<AclReport> {
  const wanted = newsroomAcls(settings);
  const principals = new Set(Object.values(settings.principals));
  const { resources } = await admin.describeAcls({
    resourceType: AclResourceTypes.ANY,
    resourcePatternType: ResourcePatternTypes.ANY,
    operation: AclOperationTypes.ANY,
    permissionType: AclPermissionTypes.ANY,
  });
  const existing: AclEntry[] = resources.flatMap(({ acls, ...resource }) => acls.map((acl) => ({ ...resource, ...acl })));
  const key = (acl: AclEntry) => `${describeAcl(acl)} ${acl.resourcePatternType} ${acl.permissionType} ${acl.host}`;
  const existingKeys = new Set(existing.map(key));
  const wantedKeys = new Set(wanted.map(key));
  const missing = wanted.filter((acl) => !existingKeys.has(key(acl)));
  const stale = existing.filter((acl) => principals.has(acl.principal) && !wantedKeys.has(key(acl)));
  if (missing.length > 0) await admin.createAcls({ acl: missing });
  if (stale.length > 0) {
    await admin.deleteAcls({
      filters: stale.map((acl) => ({
        resourceType: acl.resourceType,
        resourceName: acl.resourceName,
        resourcePatternType: acl.resourcePatternType,
        principal: acl.principal,
        host: acl.host,
        operation: acl.operation,
        permissionType: acl.permissionType,
      })),
    });
  }
  return { granted: missing.map(describeAcl), revoked: stale.map(describeAcl) };
}

/**
 * The access settings of the provisioning tool, from its environment:
 * `KAFKA_PRINCIPAL_<SERVICE>` (e.g. KAFKA_PRINCIPAL_EDITORIAL_REVIEW) when a
 * service logs in under another name than its own (a managed cluster's API
 * key), `KAFKA_CONSUMER_GROUP_<SERVICE>` likewise. A principal without a type
 * is taken as `User:<name>`.
 */
export function accessSettingsFromEnv(env: Record<string, string | undefined>): AccessSettings {
  const settings = defaultAccessSettings();
  for (const service of NEWSROOM_SERVICES) {
    const suffix = service.toUpperCase().replace(/-/g, '_');
    const principal = env[`KAFKA_PRINCIPAL_${suffix}`]?.trim();
    const group = env[`KAFKA_CONSUMER_GROUP_${suffix}`]?.trim();
    if (principal) settings.principals[service] = principal.includes(':') ? principal : `User:${principal}`;
    if (group) settings.consumerGroups[service] = group;
  }
  return settings;
}

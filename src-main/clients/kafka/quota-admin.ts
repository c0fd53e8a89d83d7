// Client quotas (DescribeClientQuotas, AlterClientQuotas) through @platformatic/kafka's Admin.
import type { describeClientQuotasV0 } from '@platformatic/kafka';
import type { QuotaEntry, QuotaKey } from '@shared/users';
import type { KafkaTarget } from './kafka-target';
import { withAdmin } from './platformatic-admin';
import { platformaticKafka } from './platformatic';

export interface QuotaEntity {
  user?: string;
  clientId?: string;
}

type Component = describeClientQuotasV0.DescribeClientQuotasRequestComponent;

const exact = (entityType: 'user' | 'client-id', match: string): Component => ({
  entityType,
  matchType: platformaticKafka().ClientQuotaMatchTypes.EXACT,
  match,
});
const any = (entityType: 'user' | 'client-id'): Component => ({ entityType, matchType: platformaticKafka().ClientQuotaMatchTypes.ANY });

/**
 * The requests that find the entity's quotas: exact matches for what it names; naming nothing, one request per kind
 * (every quota naming a user, every one naming a client id), since one request's components must all match.
 */
function requests(entity: QuotaEntity): Component[][] {
  const { ClientQuotaEntityTypes } = platformaticKafka();
  const named: Component[] = [];
  if (entity.user !== undefined) named.push(exact(ClientQuotaEntityTypes.USER, entity.user));
  if (entity.clientId !== undefined) named.push(exact(ClientQuotaEntityTypes.CLIENT_ID, entity.clientId));
  return named.length > 0 ? [named] : [[any(ClientQuotaEntityTypes.USER)], [any(ClientQuotaEntityTypes.CLIENT_ID)]];
}

export async function describeQuotas(target: KafkaTarget, entity: QuotaEntity): Promise<QuotaEntry[]> {
  const { ClientQuotaEntityTypes } = platformaticKafka();
  const seen = new Map<string, QuotaEntry>();
  await withAdmin(target, async (admin) => {
    for (const components of requests(entity)) {
      for (const entry of await admin.describeClientQuotas({ components, strict: false })) {
        const quota: QuotaEntry = {
          user: entry.entity.find((e) => e.entityType === ClientQuotaEntityTypes.USER)?.entityName ?? null,
          clientId: entry.entity.find((e) => e.entityType === ClientQuotaEntityTypes.CLIENT_ID)?.entityName ?? null,
          values: Object.fromEntries(entry.values.map((v) => [v.key, v.value])),
        };
        seen.set(JSON.stringify([quota.user, quota.clientId]), quota);
      }
    }
  });
  return [...seen.values()];
}

/** Sets the given values and removes the given keys of one entity's quota. */
export async function alterQuota(target: KafkaTarget, entity: QuotaEntity, set: Partial<Record<QuotaKey, number>>, remove: QuotaKey[]) {
  const { ClientQuotaEntityTypes } = platformaticKafka();
  const entities = [
    ...(entity.user !== undefined ? [{ entityType: ClientQuotaEntityTypes.USER, entityName: entity.user }] : []),
    ...(entity.clientId !== undefined ? [{ entityType: ClientQuotaEntityTypes.CLIENT_ID, entityName: entity.clientId }] : []),
  ];
  const ops = [
    ...Object.entries(set).map(([key, value]) => ({ key: key as QuotaKey, value: value, remove: false as const })),
    ...remove.map((key) => ({ key, remove: true as const })),
  ];
  await withAdmin(target, (admin) => admin.alterClientQuotas({ entries: [{ entities, ops }], validateOnly: false }));
}

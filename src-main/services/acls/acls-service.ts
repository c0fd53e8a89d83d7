import type { z } from 'zod';
import { StreamdeskError } from '@shared/errors';
import type { AclBinding, AclCheckArgs, AclCheckResult, AclFilter, AclListing, DeleteAclsArgs, DeleteAclsResult } from '@shared/acls';
import { createAcls, deleteAcls, describeAcls } from '@main/clients/kafka/acl-admin';
import { adminFailure } from '@main/clients/kafka/admin-failure';
import { brokerIds, describeBrokerConfigs } from '@main/clients/kafka/broker-admin';
import type { KafkaTarget } from '@main/clients/kafka/kafka-target';
import { checkAcl, parseSuperUsers, type AuthorizerSettings } from './acl-checker';

const sameBinding = (a: AclBinding, b: AclBinding) => (Object.keys(a) as (keyof AclBinding)[]).every((key) => a[key] === b[key]);

/** The ACLs page: bindings listed, created and deleted (a delete previewed first), and the checker. */
export class AclsService {
  /** `knownSuperUsers`: principals known to be super users when the broker hides super.users (the local stack's). */
  constructor(
    private readonly target: () => KafkaTarget,
    private readonly knownSuperUsers: () => string[] = () => [],
  ) {}

  async list(filter: AclFilter): Promise<AclListing> {
    const bindings = await describeAcls(this.target(), filter).catch((error: unknown) => {
      throw adminFailure(error, 'list the ACLs');
    });
    return { bindings: bindings.sort(byResourceThenPrincipal) };
  }

  /** A binding that exists already is a conflict: CreateAcls would answer success and change nothing. */
  async create(binding: AclBinding): Promise<AclBinding> {
    const { bindings } = await this.list({ ...binding, patternType: binding.patternType });
    if (bindings.some((b) => sameBinding(b, binding))) throw new StreamdeskError('conflict', 'this binding exists already');
    await createAcls(this.target(), [binding]).catch((error: unknown) => {
      throw adminFailure(error, 'create the ACL');
    });
    return binding;
  }

  /** DescribeAcls and DeleteAcls match a filter alike, so the preview is exactly what applying removes now. */
  async delete({ filter, dryRun }: z.output<typeof DeleteAclsArgs>): Promise<DeleteAclsResult> {
    if (dryRun) return { dryRun, bindings: (await this.list(filter)).bindings };
    const removed = await deleteAcls(this.target(), filter).catch((error: unknown) => {
      throw adminFailure(error, 'delete the ACLs');
    });
    return { dryRun, bindings: removed.sort(byResourceThenPrincipal) };
  }

  async check(question: AclCheckArgs): Promise<AclCheckResult> {
    const [bindings, settings] = await Promise.all([
      describeAcls(this.target(), { resourceType: question.resourceType, resourceName: question.resourceName, patternType: 'match' }),
      this.authorizerSettings(),
    ]).catch((error: unknown) => {
      throw adminFailure(error, 'check the ACLs');
    });
    return checkAcl(bindings, settings, question);
  }

  /** `super.users` and `allow.everyone.if.no.acl.found` of the first broker (every broker of a cluster sets them alike). */
  private async authorizerSettings(): Promise<AuthorizerSettings> {
    const target = this.target();
    const [first] = await brokerIds(target);
    if (first === undefined) throw new StreamdeskError('unavailable', 'the cluster lists no broker');
    const configs = await describeBrokerConfigs(target, first);
    const value = (name: string) => configs.find((c) => c.name === name)?.value ?? null;
    const shown = value('super.users');
    return {
      superUsers: shown === null ? this.knownSuperUsers() : parseSuperUsers(shown),
      superUsersHidden: shown === null,
      allowEveryoneIfNoAcl: value('allow.everyone.if.no.acl.found') === 'true',
    };
  }
}

function byResourceThenPrincipal(a: AclBinding, b: AclBinding): number {
  const key = (x: AclBinding) => [x.resourceType, x.resourceName, x.principal, x.operation, x.permission, x.host].join('\u0000');
  return key(a).localeCompare(key(b));
}

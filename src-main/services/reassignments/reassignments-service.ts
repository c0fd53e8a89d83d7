import type { z } from 'zod';
import { invalidField, StreamdeskError } from '@shared/errors';
import type {
  CancelReassignmentsArgs,
  ElectLeadersArgs,
  ElectLeadersResult,
  FinishedReassignment,
  ReassignArgs,
  ReassignmentPlan,
  ReassignmentsProgress,
} from '@shared/reassignments';
import { adminFailure } from '@main/clients/kafka/admin-failure';
import type { KafkaTarget } from '@main/clients/kafka/kafka-target';
import { alterReassignments, listReassignments, readMetadata, replicaSizes } from '@main/clients/kafka/reassignment-admin';
import { electLeaders } from './leader-election';
import { brokersInvolved, planPartitions, type TopicLayout } from './plan-builder';
import { readProgress } from './progress-reader';
import type { ThrottleLedger } from './throttle-ledger';
import { removeThrottle, setThrottle } from './throttles';

const WATCH_MS = 2_000;
/** How long a finished reassignment stays in the progress answers. */
const FINISHED_KEPT_MS = 30 * 60_000;

export interface ReassignmentsOptions {
  target: () => KafkaTarget;
  ledger: ThrottleLedger;
  /** Each progress read while a reassignment runs, and the one that sees it end (the `reassignments:changed` event). */
  onChanged: (progress: ReassignmentsProgress) => void;
}

/**
 * Partition reassignments: planned (generated or edited) and previewed, applied with an optional throttle, watched
 * until done (then the throttle is removed), cancelled; and preferred leader election. While anything StreamDesk started
 * is in flight a watcher reads the progress every 2 s; every progress read also removes the throttles of reassignments
 * that ended, so a throttle outlives neither its reassignment nor a restart of StreamDesk.
 */
export class ReassignmentsService {
  private readonly watched = new Set<string>();
  /** Topics StreamDesk asked to cancel, so their end is reported as a cancel. */
  private cancelledTopics = new Set<string>();
  private finished: FinishedReassignment[] = [];
  private timer: NodeJS.Timeout | null = null;
  private reading = false;
  /** Topics whose throttle and reassignment are being applied now, and when each last apply ended. */
  private readonly applying = new Set<string>();
  private readonly appliedAt = new Map<string, number>();

  constructor(private readonly options: ReassignmentsOptions) {}

  async reassign(args: z.output<typeof ReassignArgs>): Promise<ReassignmentPlan> {
    const target = this.options.target();
    const { layout, brokers } = await this.layoutOf(target, args.topic);
    const partitions = planPartitions(args, layout, brokers);
    const involved = brokersInvolved(partitions);
    const plan = {
      topic: args.topic,
      dryRun: args.dryRun,
      partitions,
      brokersInvolved: involved,
      bytesToMove: partitions.reduce((sum, p) => sum + p.moveBytes, 0),
      throttleBytesPerSec: args.throttleBytesPerSec,
      brokers,
    };
    if (args.dryRun) return plan;
    const changed = partitions.filter((p) => p.adding.length > 0 || p.removing.length > 0 || p.current.join() !== p.target.join());
    if (changed.length === 0)
      throw invalidField([args.partitions ? 'partitions' : 'replicationFactor'], 'the plan changes nothing: every partition already has these replicas');
    await this.refuseWhileInFlight(target, args.topic);
    await this.apply(target, plan, changed);
    return plan;
  }

  async progress(): Promise<ReassignmentsProgress> {
    const target = this.options.target();
    const listedAt = Date.now();
    const inFlight = await listReassignments(target).catch((error: unknown) => {
      throw adminFailure(error, 'list the reassignments');
    });
    const cluster = clusterKey(target);
    const running = new Set(inFlight.map((p) => p.topic));
    const ended = [...new Set([...this.watched, ...this.options.ledger.entries(cluster).map((e) => e.topic)])].filter(
      (topic) => !running.has(topic) && !this.beingApplied(topic, listedAt),
    );
    for (const topic of ended) await this.finish(target, topic);
    const partitions = await readProgress(target, inFlight).catch((error: unknown) => {
      throw adminFailure(error, 'read the reassignments’ progress');
    });
    this.finished = this.finished.filter((f) => f.finishedAt > Date.now() - FINISHED_KEPT_MS);
    const throttles = this.options.ledger.entries(cluster).map(({ topic, brokers, bytesPerSec }) => ({ topic, brokers, bytesPerSec }));
    return { inFlight: partitions, throttles, finished: this.finished, readAt: Date.now() };
  }

  /** Cancels every reassignment in flight (of one topic when named): the partitions go back to their replicas from before. */
  async cancel({ topic }: z.output<typeof CancelReassignmentsArgs>) {
    const target = this.options.target();
    const inFlight = (
      await listReassignments(target).catch((error: unknown) => {
        throw adminFailure(error, 'list the reassignments');
      })
    ).filter((p) => topic === undefined || p.topic === topic);
    if (topic !== undefined && inFlight.length === 0) throw new StreamdeskError('not-found', `no reassignment of ${topic} is in flight`);
    for (const name of new Set(inFlight.map((p) => p.topic))) {
      const entry = this.options.ledger.entries(clusterKey(target)).find((e) => e.topic === name);
      if (entry) this.options.ledger.put(clusterKey(target), { ...entry, cancelled: true });
      this.watched.add(name);
      const failed = await alterReassignments(
        target,
        name,
        inFlight.filter((p) => p.topic === name).map((p) => ({ partition: p.partition, replicas: null })),
      );
      if (failed.length > 0)
        throw new StreamdeskError('unavailable', `cancel ${name}: ${failed.map((f) => `partition ${f.partition}: ${f.message}`).join('; ')}`);
    }
    this.cancelledTopics = new Set([...this.cancelledTopics, ...inFlight.map((p) => p.topic)]);
    this.watch();
    return { cancelled: inFlight.map((p) => ({ topic: p.topic, partition: p.partition })) };
  }

  electLeaders(args: z.output<typeof ElectLeadersArgs>): Promise<ElectLeadersResult> {
    return electLeaders(this.options.target(), args).catch((error: unknown) => {
      throw adminFailure(error, 'elect the preferred leaders');
    });
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** After a restart: a throttle left in the ledger has its reassignment watched again, and removed when it ends. */
  resume(): void {
    if (this.options.ledger.entries(clusterKey(this.options.target())).length > 0) this.watch();
  }

  private async layoutOf(target: KafkaTarget, topic: string) {
    const metadata = await readMetadata(target, [topic]).catch((error: unknown) => {
      throw adminFailure(error, `read ${topic}`);
    });
    const found = metadata.topics.find((t) => t.name === topic && t.errorCode === 0);
    if (!found) throw invalidField(['topic'], `topic ${topic} does not exist`);
    const indexes = found.partitions.map((p) => p.partitionIndex);
    // the preview's bytes come from the log dirs; a cluster that will not say still gets a plan (0 bytes counted)
    const sizes = await replicaSizes(target, topic, indexes).catch(() => new Map<number, Map<number, number>>());
    const layout: TopicLayout = {
      partitions: new Map(
        found.partitions.map((p) => [p.partitionIndex, { replicas: p.replicaNodes, leaderBytes: sizes.get(p.partitionIndex)?.get(p.leaderId) ?? 0 }]),
      ),
    };
    const brokers = metadata.brokers.map((b) => ({ id: b.nodeId, rack: b.rack || null })).sort((a, b) => a.id - b.id);
    return { layout, brokers };
  }

  private async refuseWhileInFlight(target: KafkaTarget, topic: string) {
    const inFlight = await listReassignments(target).catch((error: unknown) => {
      throw adminFailure(error, 'list the reassignments');
    });
    if (inFlight.some((p) => p.topic === topic))
      throw new StreamdeskError('conflict', `a reassignment of ${topic} is in flight: wait for it or cancel it first`);
  }

  /** The throttle first (written down before it is set), then the reassignment; a refused reassignment takes its throttle back. */
  private async apply(target: KafkaTarget, plan: ReassignmentPlan, changed: ReassignmentPlan['partitions']) {
    const cluster = clusterKey(target);
    const rate = plan.throttleBytesPerSec;
    this.applying.add(plan.topic);
    try {
      if (rate !== null) {
        this.options.ledger.put(cluster, { topic: plan.topic, brokers: plan.brokersInvolved, bytesPerSec: rate });
        await setThrottle(target, plan.topic, plan.partitions, plan.brokersInvolved, rate);
      }
      const failed = await alterReassignments(
        target,
        plan.topic,
        changed.map((p) => ({ partition: p.partition, replicas: p.target })),
      );
      if (failed.length > 0)
        throw new StreamdeskError('unavailable', `reassign ${plan.topic}: ${failed.map((f) => `partition ${f.partition}: ${f.message}`).join('; ')}`);
    } catch (error) {
      if (rate !== null) await this.finish(target, plan.topic, false);
      throw adminFailure(error, `reassign ${plan.topic}`);
    } finally {
      this.applying.delete(plan.topic);
      this.appliedAt.set(plan.topic, Date.now());
    }
    this.cancelledTopics.delete(plan.topic);
    this.watched.add(plan.topic);
    this.watch();
  }

  /**
   * Between its throttle and its reassignment, a topic is in the ledger but not in flight: a progress read then (the
   * page polls every 10 s) would take it for ended and remove the throttle, and the copy would run unthrottled. So is
   * one whose listing was asked for before the reassignment was applied.
   */
  private beingApplied(topic: string, listedAt: number): boolean {
    return this.applying.has(topic) || (this.appliedAt.get(topic) ?? 0) >= listedAt;
  }

  /** A reassignment that ended: its throttle removed (kept in the ledger for brokers that are down), reported once. */
  private async finish(target: KafkaTarget, topic: string, report = true) {
    const cluster = clusterKey(target);
    const entry = this.options.ledger.entries(cluster).find((e) => e.topic === topic);
    if (entry) {
      const live = (await readMetadata(target, [])).brokers.map((b) => b.nodeId);
      const left = await removeThrottle(target, entry, live);
      if (left.length > 0) this.options.ledger.put(cluster, { ...entry, brokers: left });
      else this.options.ledger.remove(cluster, topic);
    }
    const wasOurs = this.watched.delete(topic);
    // read as ended after its last apply (beingApplied was false): the time is no longer needed, and the map stays small
    this.appliedAt.delete(topic);
    if (!report || !(wasOurs || entry)) return;
    const outcome = entry?.cancelled || this.cancelledTopics.has(topic) ? 'cancelled' : 'done';
    this.cancelledTopics.delete(topic);
    const metadata = await readMetadata(target, [topic]).catch(() => null);
    const replicas = Object.fromEntries((metadata?.topics[0]?.partitions ?? []).map((p) => [String(p.partitionIndex), p.replicaNodes]));
    this.finished = [{ topic, outcome, finishedAt: Date.now(), replicas }, ...this.finished.filter((f) => f.topic !== topic)];
  }

  /** Reads the progress every 2 s while anything StreamDesk started or throttled is left, announcing each read. */
  private watch() {
    if (this.timer) return;
    const tick = async () => {
      if (this.reading) return;
      this.reading = true;
      const progress = await this.progress().catch(() => null);
      this.reading = false;
      if (progress) this.options.onChanged(progress);
      const pending = this.watched.size > 0 || (progress?.throttles.length ?? 0) > 0;
      if (!pending) this.dispose();
    };
    this.timer = setInterval(() => void tick(), WATCH_MS);
    this.timer.unref?.();
    void tick();
  }
}

const clusterKey = (target: KafkaTarget) => [...target.brokers].sort().join(',');

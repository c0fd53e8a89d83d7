import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { invalidField, StreamdeskError } from '@shared/errors';
import type { Alert, AlertRule, AlertsState, UpdateAlertRuleArgs } from '@shared/alerts';
import type { HealthSnapshot } from '@shared/health';
import type { MetricsSample } from '@shared/metrics';
import type { Logger } from '@main/core/logger';
import type { KeyValueFile } from '../profiles';
import { DEFAULT_RULES, evaluate, type AlertInputs } from './rules';
import { rememberConnect, type ConnectMemory } from './connect-rules';

const HISTORY_KEPT = 200;
/** Flink's jobs are read again at most this often (the alerts are evaluated every second). */
const FLINK_JOBS_EVERY_MS = 5_000;
/** A read of Flink's jobs that takes longer is given up (a JobManager that accepts connections but does not answer). */
const FLINK_JOBS_DEADLINE_MS = 15_000;

export interface AlertServiceOptions {
  /** Where rule settings are kept; without one they last as long as the process. */
  file?: KeyValueFile;
  /** Writes one alert as a JSON record (acks=all) to a topic. */
  publish: (topic: string, record: object) => Promise<void>;
  flinkJobs?: () => Promise<AlertInputs['flinkJobs']>;
  onChange?: (state: AlertsState) => void;
  now?: () => number;
  logger?: Logger;
}

interface Settings {
  rules: Partial<Record<string, Pick<AlertRule, 'enabled' | 'threshold' | 'topic'>>>;
  publishTopic: string | null;
}

/**
 * Turns health and metrics into alerts that start and clear once each, with editable rules,
 * a history, and optionally every alert published to Kafka.
 */
export class AlertService {
  private rules: AlertRule[];
  private publishTopic: string | null;
  private publishError: string | null = null;
  /**
   * Publishes one at a time, in the order the edges happened: a start and its clear sent together
   * could reach the topic the other way round (the first send to a new topic waits for its
   * metadata while the second goes through), and the compacted topic would keep the start.
   */
  private publishing: Promise<void> = Promise.resolve();
  private readonly active = new Map<string, Alert>();
  private history: Alert[] = [];
  private health: HealthSnapshot | null = null;
  private metrics: MetricsSample | null = null;
  private peakTaskManagers = 0;
  private readonly connectSeen: ConnectMemory = new Map();
  private readonly lastMessage = new Map<string, number>();
  /** The Flink jobs last read, and whether a read is under way. */
  private flinkJobs: AlertInputs['flinkJobs'] = [];
  private flinkJobsAt = -Infinity;
  private readingFlinkJobs = false;
  private readonly now: () => number;
  private readonly startedAt: number;

  constructor(private readonly options: AlertServiceOptions) {
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    const settings = this.load();
    this.rules = DEFAULT_RULES.map((rule) => ({ ...rule, ...(settings.rules[rule.id] ?? {}) }));
    this.publishTopic = settings.publishTopic;
  }

  state(): AlertsState {
    return { rules: this.rules, active: [...this.active.values()], history: this.history, publishTopic: this.publishTopic, publishError: this.publishError };
  }

  updateRule(args: z.output<typeof UpdateAlertRuleArgs>): AlertsState {
    const rule = this.rules.find((candidate) => candidate.id === args.id)!;
    if (args.threshold !== undefined && rule.threshold === null) throw invalidField(['threshold'], `the rule "${rule.title}" has no threshold`);
    if (args.topic !== undefined && rule.id !== 'topic-idle') throw invalidField(['topic'], `only the "No data on a topic" rule watches a topic`);
    Object.assign(rule, Object.fromEntries(Object.entries(args).filter(([key, value]) => key !== 'id' && value !== undefined)));
    this.save();
    this.reevaluate();
    return this.state();
  }

  setPublishTopic(topic: string | null): AlertsState {
    this.publishTopic = topic;
    this.publishError = null;
    this.save();
    this.options.onChange?.(this.state());
    return this.state();
  }

  onHealth(snapshot: HealthSnapshot): void {
    this.health = snapshot;
    this.peakTaskManagers = Math.max(this.peakTaskManagers, snapshot.services.taskmanagers.details.taskManagers ?? 0);
    rememberConnect(this.connectSeen, snapshot.services.connect.details);
    this.reevaluate();
  }

  onMetrics(sample: MetricsSample): void {
    this.metrics = sample;
    for (const [topic, figures] of Object.entries(sample.topics)) if (figures.messages_per_sec > 0) this.lastMessage.set(topic, sample.at);
    this.reevaluate();
  }

  /**
   * Evaluates the rules on what is known now, Flink's jobs as last read: a slow Flink (reading its
   * jobs can take seconds) must not hold back a broker or lag alert, nor the clearing of one.
   */
  reevaluate(): void {
    this.readFlinkJobsWhenDue();
    const now = this.now();
    const firing = evaluate(this.rules, {
      health: this.health,
      metrics: this.metrics,
      flinkJobs: this.flinkJobs,
      peakTaskManagers: this.peakTaskManagers,
      connectSeen: this.connectSeen,
      // A topic never seen moving counts as idle since the engine started watching.
      lastMessageAt: (topic) => this.lastMessage.get(topic) ?? (this.metrics ? this.startedAt : null),
      now,
    });
    let changed = false;
    for (const [key, condition] of firing) {
      if (this.active.has(key)) continue;
      const rule = this.rules.find((candidate) => candidate.id === condition.ruleId)!;
      const alert: Alert = { id: randomUUID(), ruleId: condition.ruleId, severity: rule.severity, message: condition.message, startedAt: now, clearedAt: null };
      this.active.set(key, alert);
      this.history = [alert, ...this.history].slice(0, HISTORY_KEPT);
      this.enqueuePublish(alert, 'started');
      changed = true;
    }
    for (const [key, alert] of this.active) {
      if (firing.has(key)) continue;
      this.active.delete(key);
      const cleared = { ...alert, clearedAt: now };
      this.history = this.history.map((entry) => (entry.id === alert.id ? cleared : entry));
      this.enqueuePublish(cleared, 'cleared');
      changed = true;
    }
    if (changed) this.options.onChange?.(this.state());
  }

  private readFlinkJobsWhenDue(): void {
    const read = this.options.flinkJobs;
    if (!read || this.readingFlinkJobs || this.now() - this.flinkJobsAt < FLINK_JOBS_EVERY_MS) return;
    this.readingFlinkJobs = true;
    let deadline: NodeJS.Timeout | undefined;
    void Promise.race([read(), new Promise<never>((_, reject) => (deadline = setTimeout(() => reject(new Error('no answer')), FLINK_JOBS_DEADLINE_MS)))])
      .catch(() => [])
      .finally(() => clearTimeout(deadline))
      .then((jobs) => {
        this.flinkJobs = jobs;
        this.flinkJobsAt = this.now();
        this.readingFlinkJobs = false;
        this.reevaluate();
      });
  }

  private enqueuePublish(alert: Alert, event: 'started' | 'cleared'): void {
    this.publishing = this.publishing.then(() => this.publish(alert, event));
  }

  /** Never rejects: a failure is kept as the publish error the Alerts page shows. */
  private async publish(alert: Alert, event: 'started' | 'cleared'): Promise<void> {
    if (!this.publishTopic) return;
    try {
      await this.options.publish(this.publishTopic, { event, ...alert, source: 'streamdesk' });
      this.publishError = null;
    } catch (error) {
      this.publishError = `Could not publish alerts to ${this.publishTopic}: ${(error as Error).message}`;
      this.options.onChange?.(this.state());
    }
  }

  private load(): Settings {
    const read = this.options.file?.read();
    if (read?.kind === 'ok' && read.document && typeof read.document === 'object')
      return { rules: {}, publishTopic: null, ...(read.document as Partial<Settings>) };
    if (read?.kind === 'corrupt') this.options.logger?.warn(`alert settings in ${this.options.file!.location} are unreadable (${read.reason}); using defaults`);
    return { rules: {}, publishTopic: null };
  }

  private save(): void {
    const rules = Object.fromEntries(this.rules.map((rule) => [rule.id, { enabled: rule.enabled, threshold: rule.threshold, topic: rule.topic }]));
    try {
      this.options.file?.write({ rules, publishTopic: this.publishTopic });
    } catch (error) {
      throw new StreamdeskError('unavailable', `Could not save the alert rules: ${(error as Error).message}`);
    }
  }
}

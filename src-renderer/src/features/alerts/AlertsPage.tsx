import { useState } from 'react';
import type { Alert, AlertRule } from '@shared/alerts';
import { useAction } from '@renderer/store';
import { alertCalls, alertsStore } from './alerts-store';

const when = (at: number) => new Date(at).toLocaleString();

function RuleRow({ rule }: { rule: AlertRule }) {
  const [threshold, setThreshold] = useState(rule.threshold === null ? '' : String(rule.threshold));
  const [topic, setTopic] = useState(rule.topic ?? '');
  const { outcome, run } = useAction(`alert-rule:${rule.id}`);
  const error = outcome?.kind === 'error' ? outcome.text : null;
  const update = (patch: { enabled?: boolean; threshold?: number; topic?: string | null }) => run(() => alertCalls.updateRule({ id: rule.id, ...patch }));
  return (
    <tr data-rule={rule.id}>
      <td>
        <label className="check">
          <input type="checkbox" checked={rule.enabled} onChange={(event) => void update({ enabled: event.target.checked })} /> {rule.title}
        </label>
      </td>
      <td>
        <span className={`flag ${rule.severity === 'critical' ? 'bad' : 'warn'}`}>{rule.severity}</span>
      </td>
      <td>
        {rule.threshold !== null && (
          <span className="inline-edit">
            <input
              type="number"
              min={0}
              value={threshold}
              onChange={(event) => setThreshold(event.target.value)}
              onBlur={() => threshold !== String(rule.threshold) && void update({ threshold: Number(threshold) })}
              aria-label={`${rule.title} threshold`}
            />
            <span className="muted">{rule.thresholdLabel}</span>
          </span>
        )}
        {rule.id === 'topic-idle' && (
          <span className="inline-edit">
            <input
              value={topic}
              onChange={(event) => setTopic(event.target.value)}
              onBlur={() => topic !== (rule.topic ?? '') && void update({ topic: topic === '' ? null : topic })}
              aria-label="Watched topic"
            />
          </span>
        )}
        {error && <div className="field-error">{error}</div>}
      </td>
    </tr>
  );
}

function AlertRow({ alert }: { alert: Alert }) {
  return (
    <tr data-alert={alert.ruleId} data-cleared={alert.clearedAt !== null}>
      <td>
        <span className={`flag ${alert.clearedAt !== null ? 'ok' : alert.severity === 'critical' ? 'bad' : 'warn'}`}>
          {alert.clearedAt !== null ? 'cleared' : alert.severity}
        </span>
      </td>
      <td>{alert.message}</td>
      <td className="muted">{when(alert.startedAt)}</td>
      <td className="muted">{alert.clearedAt !== null ? when(alert.clearedAt) : '—'}</td>
    </tr>
  );
}

const PUBLISH_TOPIC = 'data_quality_alerts';

/** Whether every alert is also written to the seed's alert topic: shows the choice at once, and why it did not take. */
function PublishToggle({ publishing }: { publishing: boolean }) {
  const { busy, outcome, run } = useAction('alerts-publish');
  // the choice being made, shown while it runs
  const pending = busy === null ? null : busy === 'on';
  const error = outcome?.kind === 'error' ? outcome.text : null;
  const choose = (publish: boolean) =>
    void run(() => alertCalls.setPublishing({ topic: publish ? PUBLISH_TOPIC : null }), { busyLabel: publish ? 'on' : 'off' });
  return (
    <span>
      <label className="check">
        <input type="checkbox" checked={pending ?? publishing} disabled={pending !== null} onChange={(event) => choose(event.target.checked)} /> Also publish
        every alert as JSON to <code>{PUBLISH_TOPIC}</code>
      </label>
      {error && <div className="field-error">{error}</div>}
    </span>
  );
}

/** Every alert since StreamDesk started, newest state first. */
function AlertHistory({ history }: { history: Alert[] }) {
  return (
    <section className="panel" data-testid="alerts-list">
      <header>
        <h2>Alerts</h2>
      </header>
      {history.length === 0 ? (
        <div className="muted">No alert has fired since StreamDesk started.</div>
      ) : (
        <table className="grid compact">
          <thead>
            <tr>
              <th>State</th>
              <th>What</th>
              <th>Started</th>
              <th>Cleared</th>
            </tr>
          </thead>
          <tbody>
            {history.map((alert) => (
              <AlertRow key={alert.id} alert={alert} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Asks for desktop notifications, or says whether they are on. */
function NotificationChoice() {
  const [permission, setPermission] = useState(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);
  return (
    <div className="actions">
      {permission === 'default' && <button onClick={() => void Notification.requestPermission().then(setPermission)}>Enable desktop notifications</button>}
      {permission === 'granted' && <span className="muted">Desktop notifications on</span>}
      {permission === 'denied' && <span className="muted">Desktop notifications are blocked for this page</span>}
    </div>
  );
}

/** Active alerts, their history, the rules with their thresholds, notifications and publishing. */
export function AlertsPage() {
  const state = alertsStore.use().data;
  if (!state) return <div className="page-empty">Loading alerts…</div>;
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Alerts</h1>
          <div className="muted">{state.active.length === 0 ? 'Nothing is wrong right now.' : `${state.active.length} active`}</div>
        </div>
        <NotificationChoice />
      </div>
      <AlertHistory history={state.history} />
      <section className="panel">
        <header>
          <h2>Rules</h2>
          <PublishToggle publishing={state.publishTopic !== null} />
        </header>
        {state.publishError && <div className="note error">{state.publishError}</div>}
        <table className="grid compact" data-testid="alert-rules">
          <tbody>
            {state.rules.map((rule) => (
              <RuleRow key={rule.id} rule={rule} />
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

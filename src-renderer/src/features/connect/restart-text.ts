// How a restart reads as it happens: what Connect restarted, then the states it settled in.
import type { RestartResult } from '@shared/connect';

export interface RestartVariant {
  includeTasks: boolean;
  onlyFailed: boolean;
}

/** What is being asked while Connect works: "connector", "connector + tasks", "failed instances". */
export function restartAsked({ includeTasks, onlyFailed }: RestartVariant): string {
  if (onlyFailed) return includeTasks ? 'the failed connector and tasks' : 'the connector if it failed';
  return includeTasks ? 'connector + tasks' : 'connector';
}

/** "connector + 1 task" from Connect's answer (empty: it restarted the connector alone). */
function restarted(result: RestartResult): string {
  if (result.restarting.length === 0) return 'connector';
  const connector = result.restarting.some((entry) => entry.task === null);
  const tasks = result.restarting.filter((entry) => entry.task !== null).length;
  const parts = [...(connector ? ['connector'] : []), ...(tasks > 0 ? [`${tasks} task${tasks === 1 ? '' : 's'}`] : [])];
  return parts.join(' + ');
}

/** "Restarted connector + 1 task → RUNNING (tasks: 0 RUNNING) in 1.2 s", or that it had not settled yet. */
export function restartOutcome(result: RestartResult): string {
  const { after } = result;
  const tasks = after.tasks.length > 0 ? ` (tasks: ${after.tasks.map((task) => `${task.id} ${task.state}`).join(', ')})` : '';
  const took = `${(result.tookMs / 1000).toFixed(1)} s`;
  return result.settled
    ? `Restarted ${restarted(result)} → ${after.state}${tasks} in ${took}`
    : `Restarted ${restarted(result)}; not settled after ${took}: now ${after.state}${tasks}`;
}

import type { StackStatus } from '@shared/stack';
import { useAction } from '@renderer/store';
import { stackCalls } from './stack-store';

/** Plugins fetched on request (Maven Central), each with the folder it unpacks to on plugin.path. */
const ON_REQUEST = [{ plugin: 'debezium-postgres', folder: 'debezium-connector-postgres', label: 'Debezium PostgreSQL' }] as const;

/**
 * Under the Kafka Connect row: the plugin folders on the worker's plugin.path, and a button per plugin fetched on
 * request (its fetch and the worker's restart show as the row's progress).
 */
export function ConnectPlugins({ status, busy }: { status: StackStatus; busy: boolean }) {
  const { run } = useAction('stack');
  const running = status.services.some((service) => service.name === 'kafka-connect' && service.running);
  const missing = ON_REQUEST.filter((entry) => !status.connectPlugins.includes(entry.folder));
  return (
    <div className="muted small" data-testid="connect-plugins">
      plugin.path: {status.connectPlugins.length > 0 ? status.connectPlugins.join(', ') : 'empty until the worker first starts'}
      {status.backend === 'native' &&
        missing.map((entry) => (
          <div key={entry.plugin}>
            <button
              disabled={busy || !running}
              title={running ? `Fetch ${entry.label} from Maven Central and restart the worker to load it` : 'Start the stack first'}
              onClick={() => void run(() => stackCalls.addConnectPlugin(entry.plugin))}
              data-testid={`add-plugin-${entry.plugin}`}
            >
              Add {entry.label}
            </button>
          </div>
        ))}
    </div>
  );
}

import type { ConnectionTestResult } from '@shared/profiles';

const LABELS: Record<keyof ConnectionTestResult, string> = {
  kafka: 'Kafka',
  zookeeper: 'ZooKeeper',
  flink: 'Flink REST',
  kafkaUi: 'Kafka UI',
  prometheus: 'JMX exporter',
  schemaRegistry: 'Schema Registry',
  connect: 'Kafka Connect',
};

/** "Test connection": one line per service, with the reason when it failed. */
export function TestResults({ result }: { result: ConnectionTestResult }) {
  return (
    <table className="grid compact" data-testid="profile-test-results">
      <tbody>
        {(Object.keys(LABELS) as (keyof ConnectionTestResult)[]).map((key) => {
          const test = result[key];
          return (
            <tr key={key} data-service={key} data-status={test.status}>
              <td>{LABELS[key]}</td>
              <td>
                <span className={`flag ${test.status === 'ok' ? 'ok' : test.status === 'failed' ? 'bad' : ''}`}>{test.status}</span>
              </td>
              <td className="muted">{[test.reason, test.latencyMs !== null ? `${test.latencyMs} ms` : ''].filter(Boolean).join(' · ')}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

import type { StackStatus } from '@shared/stack';

/** What the next start runs: one broker or three, plain or secure. */
export interface ClusterShape {
  brokers: 1 | 3;
  secure: boolean;
}

export function shapeOf(status: StackStatus): ClusterShape {
  return { brokers: status.brokers, secure: status.superUser !== null };
}

/**
 * One broker or three, plain or secure, for the next start (the CLI's `stack up --brokers 3 --secure`). A running
 * stack keeps its shape until it is stopped; Docker Compose runs one plain broker.
 */
export function ClusterChoice({ status, shape, onChange }: { status: StackStatus; shape: ClusterShape; onChange: (shape: ClusterShape) => void }) {
  const running = status.services.some((service) => service.running);
  const locked = running || status.backend !== 'native' || status.busy !== 'idle';
  const why = running ? 'Stop the stack to change these.' : status.backend !== 'native' ? 'Docker Compose runs one plain broker.' : null;
  return (
    <section className="panel backend" data-testid="stack-cluster">
      <div>
        <strong>Brokers</strong>{' '}
        {([1, 3] as const).map((brokers) => (
          <label className="check" key={brokers}>
            <input
              type="radio"
              name="brokers"
              checked={shape.brokers === brokers}
              disabled={locked}
              onChange={() => onChange({ ...shape, brokers })}
              data-testid={`stack-brokers-${brokers}`}
            />{' '}
            {brokers === 1 ? 'One broker' : `Three brokers${status.kraft ? ' (a KRaft quorum of three)' : ' (sharing ZooKeeper)'}`}
          </label>
        ))}
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={shape.secure}
          disabled={locked}
          onChange={(event) => onChange({ ...shape, secure: event.target.checked })}
          data-testid="stack-secure"
        />{' '}
        Secure
        <span className="muted">
          {' '}
          — SASL/SCRAM-SHA-512 only and ACLs enforced ({status.kraft ? 'StandardAuthorizer' : 'AclAuthorizer'}); the local profile signs in as the super user{' '}
          {status.superUser ?? 'streamdesk'}, whose password stays in the profile's secret store
        </span>
      </label>
      {why && <div className="muted small">{why}</div>}
    </section>
  );
}

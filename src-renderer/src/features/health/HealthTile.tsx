import type { ReactNode } from 'react';
import type { ServiceStatus } from '@shared/health';
import { StatusBadge } from '@renderer/ui/StatusBadge';

interface Figure {
  label: string;
  value: ReactNode;
  /** Draws attention when a figure is itself the problem (e.g. offline partitions > 0). */
  alarm?: boolean;
}

interface Props {
  id: string;
  title: string;
  status: ServiceStatus;
  reason: string;
  subtitle?: string;
  figures: Figure[];
  footer?: ReactNode;
}

/** One service: colour-coded by status, its key figures, and why when it is not up. */
export function HealthTile({ id, title, status, reason, subtitle, figures, footer }: Props) {
  return (
    <section className={`tile tile-${status}`} data-testid={`tile-${id}`} data-status={status} aria-label={`${title}: ${status}`}>
      <header>
        <div>
          <h2>{title}</h2>
          {subtitle && <div className="subtitle">{subtitle}</div>}
        </div>
        <StatusBadge status={status} />
      </header>
      {reason && (
        <p className="reason" data-testid={`reason-${id}`}>
          {reason}
        </p>
      )}
      <dl className="figures">
        {figures.map((figure) => (
          <div key={figure.label} className={figure.alarm ? 'alarm' : undefined}>
            <dt>{figure.label}</dt>
            <dd>{figure.value ?? '—'}</dd>
          </div>
        ))}
      </dl>
      {footer && <footer>{footer}</footer>}
    </section>
  );
}

import { fireEvent, render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StackStatus } from '@shared/stack';
import { ClusterChoice, shapeOf, type ClusterShape } from './ClusterChoice';

const status = (running: boolean, superUser: string | null = null): StackStatus =>
  StackStatus.parse({
    backend: 'native',
    compose: { available: false, detail: 'no Docker' },
    dataSizeBytes: 0,
    kraft: true,
    dataDir: '/d',
    missingJars: [],
    busy: 'idle',
    lastError: null,
    services: [{ name: 'kafka', pid: running ? 42 : null, running, port: 9092, logFile: '/d/kafka.log' }],
    brokers: 3,
    superUser,
  });

describe('ClusterChoice', () => {
  it('offers one or three brokers and secure on or off for the next start', () => {
    const picked: ClusterShape[] = [];
    const stopped = status(false);
    const view = render(<ClusterChoice status={stopped} shape={shapeOf(stopped)} onChange={(shape) => picked.push(shape)} />);
    expect((view.getByTestId('stack-brokers-3') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(view.getByTestId('stack-brokers-1'));
    fireEvent.click(view.getByTestId('stack-secure'));
    expect(picked).toEqual([
      { brokers: 1, secure: false },
      { brokers: 3, secure: true },
    ]);
    expect(view.getByTestId('stack-cluster').textContent).toContain('StandardAuthorizer');
    view.unmount();
  });

  it('keeps a running stack’s shape until it is stopped, and names its super user, never a password', () => {
    const running = status(true, 'streamdesk');
    const view = render(<ClusterChoice status={running} shape={shapeOf(running)} onChange={() => undefined} />);
    expect((view.getByTestId('stack-secure') as HTMLInputElement).disabled).toBe(true);
    expect((view.getByTestId('stack-secure') as HTMLInputElement).checked).toBe(true);
    expect(view.getByTestId('stack-cluster').textContent).toContain('Stop the stack to change these.');
    expect(view.getByTestId('stack-cluster').textContent).toContain('super user streamdesk');
    view.unmount();
  });
});

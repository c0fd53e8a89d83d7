import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MASKED_SECRET, type ConnectorDetail } from '@shared/connect';
import { useConnectorDraft } from './use-connector-draft';

const stored: ConnectorDetail = {
  cluster: 'http://127.0.0.1:8084',
  name: 'orders-in',
  type: 'source',
  className: 'FileStreamSource',
  state: 'RUNNING',
  workerId: '127.0.0.1:8084',
  trace: null,
  tasks: [],
  topics: ['orders'],
  config: { 'connector.class': 'FileStreamSource', name: 'orders-in', topic: 'orders', 'db.password': MASKED_SECRET },
  workerVersion: '3.9.1',
};

describe('the connector draft', () => {
  it('starts an edit from the stored config, its masked secret kept and sent back masked', () => {
    const { result } = renderHook(() => useConnectorDraft([stored.cluster], stored));
    expect(result.current.plugin).toBe('FileStreamSource');
    expect(result.current.storedSecrets.has('db.password')).toBe(true);
    expect(result.current.config).toEqual({ 'connector.class': 'FileStreamSource', topic: 'orders', 'db.password': MASKED_SECRET });
  });

  it('round-trips through the raw JSON view: an edit there lands in the form, and back', () => {
    const { result } = renderHook(() => useConnectorDraft(['http://w:8083'], null));
    act(() => result.current.setPlugin('FileStreamSource'));
    act(() => result.current.setValue('topic', 'orders'));
    act(() => result.current.toggleRaw());
    expect(JSON.parse(result.current.raw!.text)).toEqual({ 'connector.class': 'FileStreamSource', topic: 'orders' });
    act(() => result.current.editRaw('{"connector.class": "FileStreamSink", "topics": "orders", "file": "/tmp/out"}'));
    expect(result.current.plugin).toBe('FileStreamSink');
    expect(result.current.values).toEqual({ topics: 'orders', file: '/tmp/out' });
    act(() => result.current.toggleRaw());
    expect(result.current.raw).toBeNull();
    expect(result.current.config).toEqual({ 'connector.class': 'FileStreamSink', topics: 'orders', file: '/tmp/out' });
  });

  it('keeps the raw view open while its JSON does not read, the form as it was', () => {
    const { result } = renderHook(() => useConnectorDraft(['http://w:8083'], null));
    act(() => result.current.setPlugin('FileStreamSource'));
    act(() => result.current.toggleRaw());
    act(() => result.current.editRaw('{"topic": '));
    expect(result.current.raw?.error).toMatch(/not JSON/);
    act(() => result.current.toggleRaw());
    expect(result.current.raw).not.toBeNull();
    expect(result.current.plugin).toBe('FileStreamSource');
  });
});

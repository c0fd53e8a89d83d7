import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StreamdeskError } from '@shared/errors';
import { errorsFromIssues, useContractForm } from './use-contract-form';

describe('errorsFromIssues', () => {
  it('keys issues by their dotted path, the first message per path', () => {
    expect(
      errorsFromIssues([
        { path: ['name'], message: 'already exists' },
        { path: ['name'], message: 'second' },
        { path: ['config', 'partitions'], message: 'must be at least 1' },
      ]),
    ).toEqual({ name: 'already exists', 'config.partitions': 'must be at least 1' });
  });

  it('puts issues on fields the form does not show, and pathless ones, in the form error', () => {
    expect(
      errorsFromIssues(
        [
          { path: ['name'], message: 'bad' },
          { path: ['other', 0], message: 'odd' },
          { path: [], message: 'whole' },
        ],
        ['name'],
      ),
    ).toEqual({
      name: 'bad',
      form: 'other.0: odd; whole',
    });
  });
});

describe('useContractForm', () => {
  it('maps a StreamdeskError’s issues to fields and is busy while the call runs', async () => {
    const { result } = renderHook(() => useContractForm({ fields: ['name', 'replicationFactor'] }));
    let reject!: (error: Error) => void;
    let submitted!: Promise<unknown>;
    act(() => {
      submitted = result.current.submit({ name: 'x' }, () => new Promise((_, fail) => (reject = fail)));
    });
    expect(result.current.busy).toBe('submit');
    await act(async () => {
      reject(
        new StreamdeskError('invalid-argument', 'replicationFactor: 3 is more than the 1 broker', [
          { path: ['replicationFactor'], message: '3 is more than the 1 broker' },
        ]),
      );
      await submitted;
    });
    expect(result.current.busy).toBeNull();
    expect(result.current.errors).toEqual({ replicationFactor: '3 is more than the 1 broker' });
    expect(result.current.errors.form).toBeUndefined();
  });

  it('shows an error without issues as the general error (no message parsing)', async () => {
    const { result } = renderHook(() => useContractForm());
    await act(() => result.current.submit({}, () => Promise.reject(new StreamdeskError('unavailable', 'name: Kafka is down'))));
    expect(result.current.errors).toEqual({ form: 'name: Kafka is down' });
  });

  it('checks with the schema first, producing issues the same way, without calling', async () => {
    const schema = z.object({ name: z.string().min(1, 'is required'), programArgs: z.array(z.string().max(2, 'too long')) });
    const { result } = renderHook(() => useContractForm());
    let called = false;
    const answer = await act(() => result.current.submit({ name: '', programArgs: ['ok', 'long'] }, () => Promise.resolve((called = true)), { schema }));
    expect(answer).toBeUndefined();
    expect(called).toBe(false);
    expect(result.current.errors).toEqual({ name: 'is required', 'programArgs.1': 'too long' });
    expect(result.current.error('programArgs')).toBe('too long');
  });

  it('resolves to the answer and clears the errors on success', async () => {
    const { result } = renderHook(() => useContractForm());
    act(() => result.current.fail({ name: 'bad' }));
    const answer = await act(() => result.current.submit({ name: 'ok' }, (args) => Promise.resolve(args.name), { kind: 'save' }));
    expect(answer).toBe('ok');
    expect(result.current.errors).toEqual({});
  });
});

import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useAction, useOutcomes } from './action';

describe('useAction', () => {
  it("an action that ends after its page unmounted does not report into the page's next visit", async () => {
    let finish!: () => void;
    const page = renderHook(() => useAction('leaving'));
    const running = page.result.current.run(() => new Promise<void>((resolve) => (finish = resolve)), { label: 'Savepoint' });
    expect(useOutcomes.getState().byScope.leaving).toEqual({ kind: 'running', text: 'Savepoint…' });
    page.unmount();
    expect(useOutcomes.getState().byScope.leaving).toBeNull();
    finish();
    await running;
    expect(useOutcomes.getState().byScope.leaving).toBeNull();
    const again = renderHook(() => useAction('leaving'));
    expect(again.result.current.outcome).toBeNull();
    again.unmount();
  });

  it('reports while its page is shown', async () => {
    const page = renderHook(() => useAction('staying'));
    await page.result.current.run(() => Promise.resolve({ path: '/tmp/sp-1' }), { label: 'Savepoint' });
    expect(useOutcomes.getState().byScope.staying).toEqual({ kind: 'ok', text: 'Savepoint: done — /tmp/sp-1' });
    page.unmount();
  });

  it('a panel leaving while its page stays does not silence the page: the outcome of an action under way still shows', async () => {
    let finish!: () => void;
    const page = renderHook(() => useAction('shared'));
    const panel = renderHook(() => useAction('shared'));
    const running = panel.result.current.run(() => new Promise<void>((resolve) => (finish = resolve)), { label: 'Start' });
    panel.unmount();
    finish();
    await running;
    expect(useOutcomes.getState().byScope.shared).toEqual({ kind: 'ok', text: 'Start: done' });
    page.unmount();
    expect(useOutcomes.getState().byScope.shared).toBeNull();
  });
});

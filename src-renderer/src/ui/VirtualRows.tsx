import { useEffect, useState, type ReactNode } from 'react';

interface Props<T> {
  items: readonly T[];
  rowHeight: number;
  maxHeight: number;
  render: (item: T, index: number) => ReactNode;
  overscan?: number;
  /** Told the items drawn (those in view and the overscan) whenever they change: a page reads their details first. */
  onDrawn?: (drawn: readonly T[]) => void;
}

/**
 * Draws only the rows in view (fixed height), so a list of 100,000 stays as quick to scroll
 * and filter as a list of 10.
 */
export function VirtualRows<T>({ items, rowHeight, maxHeight, render, overscan = 8, onDrawn }: Props<T>) {
  const [scrollTop, setScrollTop] = useState(0);
  const height = Math.min(maxHeight, items.length * rowHeight);
  // When the list shrinks under a deep scroll (a filter typed), the browser clamps the scroll
  // position; clamp here too so the rows in view are drawn now, not after the next scroll event.
  const top = Math.min(scrollTop, Math.max(0, items.length * rowHeight - height));
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((top + height) / rowHeight) + overscan);
  useEffect(() => onDrawn?.(items.slice(first, last)), [items, first, last, onDrawn]);
  return (
    <div className="vrows" style={{ height, overflowY: 'auto' }} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
      <div style={{ height: items.length * rowHeight, position: 'relative' }}>
        <div style={{ position: 'absolute', top: first * rowHeight, left: 0, right: 0 }}>
          {items.slice(first, last).map((item, offset) => render(item, first + offset))}
        </div>
      </div>
    </div>
  );
}

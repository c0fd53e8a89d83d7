import type { ReactNode } from 'react';

/** A destructive action's button: asks `question` first and runs `onConfirm` only on yes. */
export function ConfirmButton({ question, onConfirm, children }: { question: string; onConfirm: () => unknown; children: ReactNode }) {
  return (
    <button className="danger" onClick={() => window.confirm(question) && onConfirm()}>
      {children}
    </button>
  );
}

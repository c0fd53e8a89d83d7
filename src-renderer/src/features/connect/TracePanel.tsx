import { useState } from 'react';

/** A failure's whole stack trace: its first line always, the rest on demand, in monospace, with a copy button. */
export function Trace({ trace, label }: { trace: string; label: string }) {
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState(false);
  const firstLine = trace.split('\n', 1)[0];
  const copy = () =>
    // In a page that is not a secure context the clipboard is missing: a failed copy says nothing rather than throwing.
    void Promise.resolve()
      .then(() => navigator.clipboard.writeText(trace))
      .then(
        () => setCopied(true),
        () => setCopied(false),
      );
  return (
    <div className="trace" data-testid="connect-trace">
      <div className="trace-head">
        <span className="bad">{label}:</span> <code>{firstLine}</code>
      </div>
      <div className="actions">
        <button className="small" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="trace-toggle">
          {open ? 'Hide trace' : 'Show full trace'}
        </button>
        <button className="small" onClick={copy}>
          {copied ? 'Copied' : 'Copy trace'}
        </button>
      </div>
      {open && <pre className="trace-text">{trace}</pre>}
    </div>
  );
}

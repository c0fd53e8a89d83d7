// The SQL page (loaded on demand: its editor and tables stay out of the first page's bundle).
import { createRef, useState, type RefObject } from 'react';
import { profilesStore } from '../profiles/profiles-store';
import type { SqlEditorHandle } from './SqlEditor';
import { SqlTab } from './SqlTab';
import { TablesPanel } from './TablesPanel';
import { addToHistory, readHistory } from './sql-history';
import { sqlCatalogStore } from './sql-store';
import { SQL_TEMPLATES } from '@shared/sql-templates';

interface Tab {
  id: number;
  title: string;
  text: string;
  editor: RefObject<SqlEditorHandle | null>;
}

const FIRST = 'SELECT *\nFROM stavanger_parking_events';
let nextId = 2;
const newTab = (text: string): Tab => ({ id: nextId, title: `Query ${nextId++}`, text, editor: createRef<SqlEditorHandle>() });
const firstTab = (): Tab => ({ id: 1, title: 'Query 1', text: FIRST, editor: createRef<SqlEditorHandle>() });

export default function SqlPage() {
  const [tabs, setTabs] = useState<Tab[]>(() => [firstTab()]);
  const [active, setActive] = useState(tabs[0].id);
  const profileId = profilesStore.useSelect(undefined, (s) => s.data?.activeId ?? 'default');
  const [history, setHistory] = useState(() => readHistory(profileId));
  const tables = sqlCatalogStore.useSelect(undefined, (s) => s.data?.tables) ?? [];
  const current = tabs.find((t) => t.id === active) ?? tabs[0];
  const setText = (id: number, text: string) => setTabs((all) => all.map((t) => (t.id === id ? { ...t, text } : t)));
  const openTab = (text: string) => {
    const tab = newTab(text);
    setTabs((all) => [...all, tab]);
    setActive(tab.id);
  };
  const closeTab = (id: number) => {
    const left = tabs.filter((t) => t.id !== id);
    setTabs(left.length > 0 ? left : [newTab('')]);
    if (id === active) setActive((left[0] ?? tabs[0]).id);
  };
  return (
    <div className="page sql-page" data-testid="sql-page">
      <SqlHeader history={history} onTemplate={openTab} onHistory={(text) => setText(current.id, text)} />
      <div className="sql-layout">
        <TablesPanel onInsert={(text) => current.editor.current?.insert(text)} />
        <div className="sql-main">
          <div className="sql-tabs" role="tablist">
            {tabs.map((t) => (
              <span key={t.id} className={`sql-tab-title${t.id === active ? ' active' : ''}`} role="tab" aria-selected={t.id === active}>
                <button className="link" onClick={() => setActive(t.id)}>
                  {t.title}
                </button>
                <button className="icon" aria-label={`Close ${t.title}`} onClick={() => closeTab(t.id)}>
                  ×
                </button>
              </span>
            ))}
            <button className="small" onClick={() => openTab('')} aria-label="New tab">
              +
            </button>
          </div>
          {tabs.map((t) => (
            // every tab stays mounted (its session, run and rows live on); only the active one shows
            <div key={t.id} hidden={t.id !== active}>
              <SqlTab
                text={t.text}
                onText={(text) => setText(t.id, text)}
                tables={tables}
                onRan={(s) => setHistory(addToHistory(profileId, s))}
                editor={t.editor}
              />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

/** A statement on one line, cut to what a menu entry shows. */
function shortStatement(statement: string): string {
  const line = statement.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

/** The page's title, the templates (each opens a tab) and the history (into the current tab). */
function SqlHeader({ history, onTemplate, onHistory }: { history: string[]; onTemplate: (sql: string) => void; onHistory: (sql: string) => void }) {
  return (
    <div className="page-header">
      <h1>SQL</h1>
      <select
        value=""
        onChange={(e) => e.target.value && onTemplate(SQL_TEMPLATES[Number(e.target.value)].sql)}
        aria-label="Templates"
        data-testid="sql-templates"
      >
        <option value="">Templates…</option>
        {SQL_TEMPLATES.map((t, i) => (
          <option key={t.name} value={i}>
            {t.name}
          </option>
        ))}
      </select>
      <select value="" onChange={(e) => e.target.value && onHistory(history[Number(e.target.value)])} aria-label="History" data-testid="sql-history">
        <option value="">History ({history.length})</option>
        {history.map((h, i) => (
          <option key={i} value={i} title={h}>
            {shortStatement(h)}
          </option>
        ))}
      </select>
    </div>
  );
}

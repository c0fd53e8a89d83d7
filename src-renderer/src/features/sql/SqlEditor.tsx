import { forwardRef, useImperativeHandle, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { completionsAt, tokenize, wordAt, type Completion, type CompletionContext } from './sql-syntax';

export interface SqlEditorHandle {
  /** The selected text (or all of it) and where it starts. */
  statement(): { text: string; offset: number };
  /** Puts the caret on a range (Flink's error position) and scrolls it into view. */
  select(start: number, end: number): void;
  insert(text: string): void;
}

interface Props {
  value: string;
  onChange: (value: string) => void;
  onRun: () => void;
  context: CompletionContext;
  /** A range to mark as Flink's error. */
  mark: { start: number; end: number } | null;
}

/**
 * A textarea over its own highlighted copy: the text is painted by the <pre> below (keywords,
 * functions, strings, the error's range) and typed into the transparent textarea above, so editing
 * stays the browser's own. Completion opens on Ctrl+Space or after two letters of a word.
 */
export const SqlEditor = forwardRef<SqlEditorHandle, Props>(function SqlEditor({ value, onChange, onRun, context, mark }, ref) {
  const area = useRef<HTMLTextAreaElement>(null);
  const pre = useRef<HTMLPreElement>(null);
  const [menu, setMenu] = useState<Menu | null>(null);

  useImperativeHandle(ref, () => ({
    statement: () => {
      const a = area.current!;
      return a.selectionEnd > a.selectionStart
        ? { text: a.value.slice(a.selectionStart, a.selectionEnd), offset: a.selectionStart }
        : { text: a.value, offset: 0 };
    },
    select: (start, end) => {
      area.current?.focus();
      area.current?.setSelectionRange(start, end);
    },
    insert: (text) => replaceWord(text, false),
  }));

  function replaceWord(text: string, overWord = true) {
    const a = area.current!;
    const caret = a.selectionStart;
    const start = overWord ? wordAt(a.value, caret).start : caret;
    onChange(a.value.slice(0, start) + text + a.value.slice(a.selectionEnd));
    setMenu(null);
    requestAnimationFrame(() => a.setSelectionRange(start + text.length, start + text.length));
  }

  function suggest(force: boolean) {
    const a = area.current!;
    const { word } = wordAt(a.value, a.selectionStart);
    if (!force && word.replace(/^`/, '').length < 2) return setMenu(null);
    const items = completionsAt(a.value, a.selectionStart, context);
    setMenu(items.length > 0 ? { items, index: 0 } : null);
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      return onRun();
    }
    if (e.ctrlKey && e.key === ' ') {
      e.preventDefault();
      return suggest(true);
    }
    if (menu) menuKeys(e, menu, setMenu, replaceWord);
  }

  const painted = useMemo(() => paint(value, mark), [value, mark]);
  return (
    <div className="sql-editor" data-testid="sql-editor">
      <pre ref={pre} className="sql-editor-paint" aria-hidden="true">
        {painted}
        {'\n'}
      </pre>
      <textarea
        ref={area}
        className="sql-editor-input"
        value={value}
        spellCheck={false}
        aria-label="SQL statement"
        data-testid="sql-input"
        onChange={(e) => {
          onChange(e.target.value);
          requestAnimationFrame(() => suggest(false));
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setMenu(null), 150)}
        onScroll={(e) => {
          if (pre.current) {
            pre.current.scrollTop = e.currentTarget.scrollTop;
            pre.current.scrollLeft = e.currentTarget.scrollLeft;
          }
        }}
      />
      {menu && <CompletionMenu menu={menu} onPick={replaceWord} />}
    </div>
  );
});

type Menu = { items: Completion[]; index: number };

/** Up and down move through the completions, Enter or Tab takes one, Escape closes them. */
function menuKeys(e: KeyboardEvent<HTMLTextAreaElement>, menu: Menu, setMenu: (m: Menu | null) => void, pick: (text: string) => void): void {
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    const step = e.key === 'ArrowDown' ? 1 : -1;
    setMenu({ ...menu, index: (menu.index + step + menu.items.length) % menu.items.length });
  } else if (e.key === 'Enter' || e.key === 'Tab') {
    e.preventDefault();
    pick(menu.items[menu.index].insert);
  } else if (e.key === 'Escape') setMenu(null);
}

function CompletionMenu({ menu, onPick }: { menu: Menu; onPick: (text: string) => void }) {
  return (
    <ul className="sql-completions" data-testid="sql-completions" role="listbox">
      {menu.items.map((item, i) => (
        <li key={`${item.kind}:${item.label}`} className={i === menu.index ? 'active' : ''} onMouseDown={() => onPick(item.insert)}>
          <span className={`sql-kind sql-kind-${item.kind}`}>{item.kind}</span> {item.label}
        </li>
      ))}
    </ul>
  );
}

/** The statement as spans of its token kinds; the error's range underlined. */
function paint(text: string, mark: { start: number; end: number } | null) {
  let at = 0;
  return tokenize(text).map((token, i) => {
    const start = at;
    at += token.text.length;
    const marked = mark !== null && start < Math.max(mark.end, mark.start + 1) && at > mark.start;
    return (
      <span key={i} className={`sql-${token.kind}${marked ? ' sql-error-mark' : ''}`}>
        {token.text}
      </span>
    );
  });
}

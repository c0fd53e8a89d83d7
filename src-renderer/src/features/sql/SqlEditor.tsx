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
    // a word already typed out in full needs no menu unless asked for
    if (items.length === 0 || (!force && items.length === 1 && items[0].insert === word)) return setMenu(null);
    const before = a.value.slice(0, a.selectionStart);
    const line = before.split('\n').length - 1;
    setMenu({ items, index: 0, line, column: before.length - before.lastIndexOf('\n') - 1 });
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
        onScroll={(e) => followScroll(pre.current, e.currentTarget)}
      />
      {menu && <CompletionMenu menu={menu} scrollTop={area.current?.scrollTop ?? 0} onPick={replaceWord} />}
    </div>
  );
});

/** The completions, and where the caret is (line and column from 0), to open beside it. */
/** The painted copy scrolls with the textarea typed into. */
function followScroll(paint: HTMLElement | null, input: HTMLTextAreaElement): void {
  if (!paint) return;
  paint.scrollTop = input.scrollTop;
  paint.scrollLeft = input.scrollLeft;
}

type Menu = { items: Completion[]; index: number; line: number; column: number };

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

function CompletionMenu({ menu, scrollTop, onPick }: { menu: Menu; scrollTop: number; onPick: (text: string) => void }) {
  // under the caret's line: the editor's padding, then line-height 1.5em per line (long wrapped lines aside)
  const style = { top: `calc(8px + ${menu.line + 1} * 1.5em - ${scrollTop}px)`, left: `calc(10px + ${Math.min(menu.column, 80)}ch)` };
  return (
    <ul className="sql-completions" data-testid="sql-completions" role="listbox" style={style}>
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

/** About how wide a character is, in `ch` (a digit's width): narrow punctuation, wide capitals. */
function charWidth(char: string): number {
  if (/[0-9]/.test(char)) return 1;
  if (/[\s.,:;·'/|()-]/.test(char)) return 0.5;
  if (/[A-Z%@&mw—]/.test(char)) return 1.35;
  return 0.95;
}

/**
 * A figure that changes with every live update, in a box of fixed size that the browser lays out
 * on its own: a changed text otherwise makes it lay out the page again from the document (113
 * objects every second on the Overview, bench/dashboard --trace). The box is as wide as the text,
 * estimated and rounded up to whole `ch`, so it seldom changes size when the figure does.
 */
export function LiveFigure({ text, align = 'start' }: { text: string; align?: 'start' | 'end' }) {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return (
    <span className={`live-figure ${align}`} style={{ width: `${Math.ceil(width)}ch` }}>
      {text}
    </span>
  );
}

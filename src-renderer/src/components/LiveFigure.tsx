import { useState } from 'react';

/** About how wide a character is, in `ch` (a digit's width): narrow punctuation, wide capitals. */
function charWidth(char: string): number {
  if (/[0-9]/.test(char)) return 1;
  if (/[\s.,:;·'/|()-]/.test(char)) return 0.5;
  if (/[A-Z%@&mw—]/.test(char)) return 1.35;
  return 0.95;
}

function estimatedWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return Math.ceil(width);
}

/**
 * A figure that changes with every live update, in a box of fixed size that the browser lays out
 * on its own: a changed text otherwise makes it lay out the page again from the document (113
 * objects every second on the Overview, bench/dashboard --trace). The box is as wide as the
 * widest text it has shown, estimated in whole `ch`: a box that followed each text's width
 * changed size on most updates (a figure going from 789/s to 1.2k/s), and a changed size lays out
 * the page from the document again.
 */
export function LiveFigure({ text, align = 'start' }: { text: string; align?: 'start' | 'end' }) {
  const width = estimatedWidth(text);
  const [widest, setWidest] = useState(width);
  if (width > widest) setWidest(width); // React renders again at once, before committing
  return (
    <span className={`live-figure ${align}`} style={{ width: `${Math.max(width, widest)}ch` }}>
      {text}
    </span>
  );
}

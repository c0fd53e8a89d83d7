import { useRef } from 'react';
import { PROPS_ONLY, useLiveReading } from './live-reading';

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

const widths = new WeakMap<HTMLElement, number>();

/**
 * Shows `text` in a live figure's box. The box has a fixed size that the browser lays out on its
 * own (`.live-figure`): a changed text otherwise makes it lay out the page again from the document
 * (113 objects every second on the Overview, bench/dashboard --trace). The box is as wide as the
 * widest text it has shown, estimated in whole `ch`: a box that followed each text's width changed
 * size on most updates (789/s, then 1.2k/s), and a changed size lays out the page again too.
 */
export function showFigure(box: HTMLElement, text: string): void {
  const node = box.firstChild;
  if (node instanceof Text) {
    if (node.data !== text) node.data = text;
  } else box.textContent = text;
  const width = estimatedWidth(text);
  if (width > (widths.get(box) ?? 0)) {
    widths.set(box, width);
    box.style.width = `${width}ch`;
  }
}

/** The box of a live figure whose text its owner sets with showFigure, outside React. */
export function FigureBox({ align = 'start', boxRef }: { align?: 'start' | 'end'; boxRef: (box: HTMLSpanElement | null) => void }) {
  return <span ref={boxRef} className={`live-figure ${align}`} />;
}

/** A figure that changes with every live update, given by its owner's props. */
export function LiveFigure({ text, align = 'start' }: { text: string; align?: 'start' | 'end' }) {
  const box = useRef<HTMLSpanElement | null>(null);
  useLiveReading(
    PROPS_ONLY,
    () => text,
    (shown) => box.current && showFigure(box.current, shown),
  );
  return <FigureBox align={align} boxRef={(element) => void (box.current = element)} />;
}

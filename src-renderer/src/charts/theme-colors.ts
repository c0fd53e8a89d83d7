/**
 * Colours a canvas can use for CSS colours such as `var(--accent)`: a canvas does not resolve
 * custom properties. Resolved once per theme rather than per draw, because reading computed
 * style in the middle of a commit would force a style recalculation for every chart.
 */
const resolved = new Map<string, string>();
let watching = false;

export function canvasColor(css: string): string {
  const variable = /^var\((--[\w-]+)\)$/.exec(css.trim());
  if (!variable) return css;
  if (!watching && typeof matchMedia === 'function') {
    watching = true;
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => resolved.clear());
  }
  let color = resolved.get(variable[1]);
  if (color === undefined) {
    color = getComputedStyle(document.documentElement).getPropertyValue(variable[1]).trim() || '#888';
    resolved.set(variable[1], color);
  }
  return color;
}

// Colours as the browser renders them, for the contrast and theme tests: parse computed colours,
// lay translucent ones over what is behind, WCAG contrast ratios, and load a theme sheet.

export type Rgba = [number, number, number, number];

/** A computed colour (`rgb(…)`, `rgba(…)` or `color(srgb …)`) as 0–255 channels and alpha. */
export function parseColour(colour: string): Rgba {
  const srgb = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.]+))?\)$/.exec(colour);
  if (srgb) return [Number(srgb[1]) * 255, Number(srgb[2]) * 255, Number(srgb[3]) * 255, srgb[4] === undefined ? 1 : Number(srgb[4])];
  const rgb = /^rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:[,/] ?([\d.]+))?\)$/.exec(colour);
  if (!rgb) throw new Error(`cannot read the colour ${colour}`);
  return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), rgb[4] === undefined ? 1 : Number(rgb[4])];
}

/** `top` laid over `under` (alpha compositing), opaque. */
export function over(top: Rgba, under: Rgba): Rgba {
  const a = top[3];
  return [top[0] * a + under[0] * (1 - a), top[1] * a + under[1] * (1 - a), top[2] * a + under[2] * (1 - a), 1];
}

function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** The WCAG contrast ratio of two opaque colours (1 to 21). */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The parent in the flat tree (a shadow root's top level goes to its host; slotted nodes to their slot). */
export function flatParent(el: Element): Element | null {
  if (el.assignedSlot) return el.assignedSlot;
  if (el.parentElement) return el.parentElement;
  const root = el.parentNode;
  return root instanceof ShadowRoot ? root.host : null;
}

/** The colour behind `el`: its own and its ancestors' backgrounds laid over the page's (body, html, else white). */
export function backdrop(el: Element): Rgba {
  const layers: Rgba[] = [];
  for (let node: Element | null = el; node; node = flatParent(node)) {
    const bg = parseColour(getComputedStyle(node).backgroundColor);
    if (bg[3] > 0) layers.push(bg);
    if (bg[3] === 1) break;
  }
  let colour: Rgba = parseColour(getComputedStyle(document.body).backgroundColor);
  if (colour[3] === 0) colour = parseColour(getComputedStyle(document.documentElement).backgroundColor);
  if (colour[3] === 0) colour = [255, 255, 255, 1];
  for (const layer of layers.reverse()) colour = over(layer, colour);
  return colour;
}

/** The contrast of `el`'s text colour against what is behind it. */
export function textContrast(el: Element): number {
  const bg = backdrop(el);
  return contrastRatio(over(parseColour(getComputedStyle(el).color), bg), bg);
}

/** Adds the theme sheet `themes/NAME.css` to the page and waits until it has loaded; remove the returned link to take it off. */
export async function addThemeSheet(name: 'dark' | 'govuk'): Promise<HTMLLinkElement> {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL(`../themes/${name}.css`, import.meta.url).href;
  const loaded = new Promise((resolve, reject) => {
    link.onload = resolve;
    link.onerror = () => reject(new Error(`${link.href} did not load`));
    setTimeout(() => reject(new Error(`${link.href} took over 10 s to load`)), 10_000);
  });
  document.head.append(link);
  await loaded;
  return link;
}

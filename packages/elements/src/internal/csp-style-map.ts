import { noChange, type AttributePart } from 'lit';
import { Directive, PartType, directive, type DirectiveParameters, type PartInfo } from 'lit/directive.js';

/** Style properties by name: camelCase (`backgroundColor`) or dashed (`--co-bar`, `background-color`). */
export type StyleInfo = Readonly<Record<string, string | number | undefined | null>>;

/**
 * `styleMap` for pages with a strict Content-Security-Policy (`style-src 'self'`, no
 * `'unsafe-inline'`): the same call as Lit's (`style=${styleMap({ width: '40%' })}`), but every
 * property is set through the CSSOM (`element.style`), which CSP allows. Lit's own directive
 * writes the first render as a `style="…"` attribute, which such a page refuses — so bars and
 * meters would show empty.
 */
class CspStyleMapDirective extends Directive {
  private previous = new Set<string>();

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ATTRIBUTE || partInfo.name !== 'style' || (partInfo.strings?.length ?? 0) > 2) {
      throw new Error('styleMap must be the only binding in a `style` attribute.');
    }
  }

  render(_styles: StyleInfo): typeof noChange {
    return noChange;
  }

  override update(part: AttributePart, [styles]: DirectiveParameters<this>): typeof noChange {
    const style = (part.element as HTMLElement).style;
    for (const name of this.previous) {
      if (styles[name] == null) {
        this.previous.delete(name);
        setStyle(style, name, null);
      }
    }
    for (const [name, value] of Object.entries(styles)) {
      if (value == null) continue;
      this.previous.add(name);
      setStyle(style, name, String(value));
    }
    return noChange;
  }
}

function setStyle(style: CSSStyleDeclaration, name: string, value: string | null): void {
  const property = name.includes('-') ? name : name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  if (value === null) {
    style.removeProperty(property);
    return;
  }
  const important = /\s*!important\s*$/i.test(value);
  style.setProperty(property, important ? value.replace(/\s*!important\s*$/i, '') : value, important ? 'important' : '');
}

export const styleMap = directive(CspStyleMapDirective);

import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { buttons, tokens } from '../styles/tokens.js';

/** One entry of a {@link CoMenu}. */
export interface MenuItem {
  /** Handed back to `onSelect`. */
  readonly id: string;
  /** What the item says (plain text). */
  readonly label: string;
  /** Extra words shown under the label and read after it. */
  readonly description?: string;
  /** `item` (default) runs an action; `radio` picks one of a set; `checkbox` toggles. */
  readonly kind?: 'item' | 'radio' | 'checkbox';
  /** For `radio` and `checkbox` items. */
  readonly checked?: boolean;
  readonly disabled?: boolean;
  /** A symbol shown before the label (hidden from screen readers: the label says it all). */
  readonly icon?: string;
}

export interface MenuOpenOptions {
  /** The menu's accessible name, e.g. "Move “More benches” to". */
  readonly label: string;
  readonly items: readonly MenuItem[];
  /** Called with the chosen item's id, after the menu has closed. */
  readonly onSelect: (id: string) => void;
  /** Which item gets focus: the first (Enter, Space, ↓ on the button) or the last (↑). */
  readonly focus?: 'first' | 'last';
  /** Called whenever the menu closes, chosen or not. */
  readonly onClose?: () => void;
}

/**
 * A menu that opens from a button, following the WAI-ARIA menu button pattern: focus moves into
 * the menu, ↑ ↓ Home End and typing a letter move between items, Enter or Space chooses, Escape
 * closes and Tab leaves, and focus returns to the button. It is positioned next to its button with
 * `@floating-ui/dom` (flipping and shifting to stay on screen, down to 320 px wide) and shown in
 * the top layer as a popover, so no scrolling container or card can clip it.
 *
 * One `<co-menu>` serves any number of buttons: an element renders one and calls
 * {@link CoMenu.show} with the button that was used. The button should carry
 * `aria-haspopup="menu"` and `aria-expanded="false"`; the menu sets `aria-expanded` while it is open.
 *
 * Internal to Coproduce elements.
 *
 * @csspart menu - The menu popup.
 * @csspart item - Each item.
 * @internal Rendered by the elements; not for pages (left out of custom-elements.json).
 */
export class CoMenu extends LitElement {
  static override styles = [
    tokens,
    buttons,
    css`
      :host {
        display: contents;
      }
      .menu {
        position: fixed;
        inset: auto;
        top: 0;
        left: 0;
        margin: 0;
        min-width: min(16rem, calc(100vw - 16px));
        max-width: calc(100vw - 16px);
        overflow-y: auto;
        padding: var(--_space-1) 0;
        border: 2px solid var(--_text);
        border-radius: var(--_radius);
        background: var(--_bg);
        color: var(--_text);
        box-shadow: 0 4px 16px rgb(0 0 0 / 0.25);
        list-style: none;
        z-index: 1000;
      }
      .menu:not(:popover-open):not([data-open]) {
        display: none;
      }
      .item {
        display: flex;
        align-items: flex-start;
        gap: var(--_space-2);
        width: 100%;
        min-height: var(--_target);
        padding: var(--_space-2) var(--_space-4) var(--_space-2) var(--_space-3);
        border: 0;
        background: transparent;
        color: inherit;
        font: inherit;
        text-align: start;
        cursor: pointer;
        overflow-wrap: anywhere;
      }
      .item:hover {
        background: var(--_surface);
      }
      .item:focus,
      .item:focus-visible {
        outline: 3px solid var(--_focus);
        outline-offset: -3px;
        background: var(--_focus);
        color: var(--_focus-text);
        box-shadow: none;
      }
      .item[aria-disabled='true'] {
        color: var(--_text-secondary);
        cursor: not-allowed;
      }
      .mark {
        flex: 0 0 1.25em;
        text-align: center;
        font-weight: 700;
      }
      .text {
        display: flex;
        flex-direction: column;
      }
      .description {
        font-size: var(--_font-size-small);
        color: var(--_text-secondary);
      }
      .item:focus .description {
        color: inherit;
      }
      @media (forced-colors: active) {
        .item:focus {
          outline: 3px solid Highlight;
          forced-color-adjust: none;
          background: Highlight;
          color: HighlightText;
        }
      }
    `,
  ];

  @state() private label = '';
  @state() private items: readonly MenuItem[] = [];
  @state() private isOpen = false;

  private anchor: HTMLElement | null = null;
  private onSelect: ((id: string) => void) | null = null;
  private onClose: (() => void) | null = null;
  private focusTarget: 'first' | 'last' = 'first';
  private stopAutoUpdate: (() => void) | null = null;
  private static counter = 0;
  private readonly menuId = `co-menu-${++CoMenu.counter}`;

  /** Whether the menu is showing. */
  get open(): boolean {
    return this.isOpen;
  }

  /** The button the menu is open from, if it is open. */
  get openFrom(): HTMLElement | null {
    return this.isOpen ? this.anchor : null;
  }

  /** Opens the menu next to `anchor` (closing it first if it was open elsewhere). */
  show(anchor: HTMLElement, options: MenuOpenOptions): void {
    if (this.isOpen) this.close(false);
    this.anchor = anchor;
    this.label = options.label;
    this.items = options.items;
    this.onSelect = options.onSelect;
    this.onClose = options.onClose ?? null;
    this.focusTarget = options.focus ?? 'first';
    this.isOpen = true;
    anchor.setAttribute('aria-expanded', 'true');
    document.addEventListener('pointerdown', this.onOutsidePointer, true);
  }

  /** Closes the menu; by default focus goes back to the button it was opened from. */
  close(returnFocus = true): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    document.removeEventListener('pointerdown', this.onOutsidePointer, true);
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = null;
    const popup = this.popup;
    if (popup?.matches(':popover-open')) popup.hidePopover();
    popup?.removeAttribute('data-open');
    const anchor = this.anchor;
    anchor?.setAttribute('aria-expanded', 'false');
    if (returnFocus && anchor?.isConnected) anchor.focus();
    const onClose = this.onClose;
    this.onClose = null;
    onClose?.();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.close(false);
  }

  private get popup(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.menu');
  }

  private enabledItems(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('.item:not([aria-disabled="true"])')];
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('isOpen' as keyof CoMenu) || !this.isOpen) return;
    const popup = this.popup;
    const anchor = this.anchor;
    if (!popup || !anchor) return;
    if (typeof popup.showPopover === 'function') {
      if (!popup.matches(':popover-open')) popup.showPopover();
    } else {
      popup.setAttribute('data-open', '');
    }
    this.stopAutoUpdate = autoUpdate(anchor, popup, () => void this.position(anchor, popup));
    const items = this.enabledItems();
    const checked = items.find((item) => item.getAttribute('aria-checked') === 'true' && item.getAttribute('role') === 'menuitemradio');
    const target = this.focusTarget === 'last' ? items[items.length - 1] : (checked ?? items[0]);
    (target ?? popup).focus();
  }

  private async position(anchor: HTMLElement, popup: HTMLElement): Promise<void> {
    const { x, y } = await computePosition(anchor, popup, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        offset(4),
        flip({ padding: 8 }),
        shift({ padding: 8 }),
        size({
          padding: 8,
          apply({ availableHeight, elements }) {
            elements.floating.style.maxHeight = `${Math.max(120, Math.floor(availableHeight))}px`;
          },
        }),
      ],
    });
    popup.style.left = `${x}px`;
    popup.style.top = `${y}px`;
  }

  private readonly onOutsidePointer = (event: PointerEvent): void => {
    const path = event.composedPath();
    if (path.includes(this.popup as EventTarget) || (this.anchor && path.includes(this.anchor))) return;
    this.close(false);
  };

  private choose(item: MenuItem): void {
    if (item.disabled) return;
    const onSelect = this.onSelect;
    this.close(true);
    onSelect?.(item.id);
  }

  private onKeyDown(event: KeyboardEvent): void {
    const items = this.enabledItems();
    const current = items.indexOf(this.renderRoot.querySelector<HTMLElement>('.item:focus') as HTMLElement);
    const move = (index: number) => {
      event.preventDefault();
      items[(index + items.length) % items.length]?.focus();
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(current + 1);
      case 'ArrowUp':
        return move(current < 0 ? items.length - 1 : current - 1);
      case 'Home':
      case 'PageUp':
        return move(0);
      case 'End':
      case 'PageDown':
        return move(items.length - 1);
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        this.close(true);
        return;
      case 'Tab':
        // Leave the menu: back to the button, and let the browser move on from there.
        this.close(true);
        return;
      case 'Enter':
        event.preventDefault();
        this.chooseFocused(event);
        return;
      case ' ':
        // Chosen on keyup: choosing on keydown would move focus to the button, whose own Space
        // keyup would then open the menu again.
        event.preventDefault();
        return;
      default:
        if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
          // Type-ahead: the next item whose label starts with the letter typed.
          const letter = event.key.toLocaleLowerCase();
          const start = current < 0 ? 0 : current + 1;
          for (let i = 0; i < items.length; i++) {
            const candidate = items[(start + i) % items.length]!;
            if ((candidate.dataset['label'] ?? '').trim().toLocaleLowerCase().startsWith(letter)) {
              event.preventDefault();
              candidate.focus();
              return;
            }
          }
        }
    }
  }

  private onKeyUp(event: KeyboardEvent): void {
    if (event.key === ' ') {
      event.preventDefault();
      this.chooseFocused(event);
    }
  }

  private chooseFocused(event: KeyboardEvent): void {
    const focused = (event.composedPath()[0] as HTMLElement | undefined)?.dataset?.['id'];
    const item = this.items.find((i) => i.id === focused);
    if (item) this.choose(item);
  }

  private onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    const popup = this.popup;
    if (!this.isOpen || !popup) return;
    if (next && (popup.contains(next) || next === this.anchor)) return;
    // Focus went somewhere else on the page (a click, or assistive technology moving it).
    if (next) this.close(false);
  }

  private renderItem(item: MenuItem) {
    const kind = item.kind ?? 'item';
    const role = kind === 'radio' ? 'menuitemradio' : kind === 'checkbox' ? 'menuitemcheckbox' : 'menuitem';
    const descId = item.description ? `${this.menuId}-${item.id}-desc` : undefined;
    const mark = kind === 'item' ? (item.icon ?? '') : item.checked ? (kind === 'radio' ? '●' : '✓') : '';
    return html`<div
      part="item"
      class="item"
      role=${role}
      tabindex="-1"
      data-id=${item.id}
      data-label=${item.label}
      aria-checked=${kind === 'item' ? nothing : item.checked ? 'true' : 'false'}
      aria-disabled=${item.disabled ? 'true' : nothing}
      aria-describedby=${descId ?? nothing}
      @click=${() => this.choose(item)}
    >
      <span class="mark" aria-hidden="true">${mark}</span>
      <span class="text">
        <span class="label">${item.label}</span>
        ${item.description ? html`<span class="description" id=${descId!}>${item.description}</span>` : nothing}
      </span>
    </div>`;
  }

  protected override render() {
    return html`<div
      part="menu"
      class="menu"
      id=${this.menuId}
      role="menu"
      popover="manual"
      aria-label=${this.label || nothing}
      @keydown=${this.onKeyDown}
      @keyup=${this.onKeyUp}
      @focusout=${this.onFocusOut}
    >
      ${this.isOpen ? this.items.map((item) => this.renderItem(item)) : nothing}
    </div>`;
  }
}

/** Keys on a menu button that open its menu, and where focus should land. */
export function menuKeyIntent(event: KeyboardEvent): 'first' | 'last' | null {
  if (event.key === 'ArrowDown') return 'first';
  if (event.key === 'ArrowUp') return 'last';
  return null;
}

declare global {
  interface HTMLElementTagNameMap {
    'co-menu': CoMenu;
  }
}

import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { CoproduceError, TEXT } from '@coproduce/core';
import type { MessageKey } from '../i18n/localize.js';
import { layout } from '../styles/layout.js';
import { JoinError, type JoinErrorCode } from './links.js';
import './strings.js';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * The shared layout sheet (styles/layout.ts: panels, headings, fields, rows, actions, notices, with
 * the `fields` sheet) that the name form, `<co-join>` and `<co-join-gate>` use. The facilitation
 * elements' sheet (`facilitationStyles`) builds on the same one, so a bundle with both carries it
 * once, and a `co-join.js` bundle leaves out the rules of tags, check boxes and lists it never shows.
 */
export const joinBaseStyles = layout;

/** Extra styles of the name form, on top of `tokens`, `buttons` and `joinBaseStyles`. */
export const nameFormStyles = css`
  .problem {
    margin: 0 0 var(--_space-3);
    padding: var(--_space-3);
    border-left: 6px solid var(--_danger);
    background: var(--_surface);
    font-weight: 700;
  }
  .name-form input[type='text'] {
    max-width: 24em;
  }
`;

/** What the name form shows. */
export interface NameFormView {
  /** The heading ("Join the workshop"). */
  title: string;
  /** Heading level, 1–6. */
  headingLevel: number;
  /** The submit button's words. */
  submitLabel: string;
  /** The field's value when the form first shows (what the person types is kept after that). */
  initial: string;
  /** A problem that is not about the name (the link has expired, no network), shown above the field. */
  problem?: string | null;
  /** True while the name is being sent: the button says so. */
  busy?: boolean;
  /** Adds a Cancel button; Escape in the form cancels too. */
  cancel?: (() => void) | undefined;
}

/** The words for each reason joining failed; the `name-*` ones are about what the person typed. */
const JOIN_PROBLEMS: Record<JoinErrorCode, MessageKey> = {
  'name-required': 'joinNameRequired',
  'name-too-long': 'joinNameTooLong',
  'name-invalid': 'joinErrorNameInvalid',
  'name-role': 'joinErrorNameRole',
  'link-expired': 'joinErrorLinkExpired',
  'link-invalid': 'joinErrorLinkInvalid',
  network: 'joinErrorUnreachable',
  server: 'joinErrorServer',
};

/** The words for why joining (or choosing a name) failed, and whether the problem is with the name. */
export function nameProblem(error: unknown, t: Translate): { message: string; field: boolean } {
  if (error instanceof JoinError) {
    return { message: t(JOIN_PROBLEMS[error.code] ?? 'joinErrorServer', { max: error.max }), field: error.code.startsWith('name-') };
  }
  if (error instanceof CoproduceError) {
    if (error.code === 'required') return { message: t('joinNameRequired'), field: true };
    if (error.code === 'too-long') return { message: t('joinNameTooLong', { max: TEXT.personName.max }), field: true };
    if (error.code === 'role-name') return { message: t('joinErrorNameRole'), field: true };
    return { message: t('joinErrorNameInvalid'), field: true };
  }
  console.error('[coproduce]', error);
  return { message: t('somethingWentWrong'), field: false };
}

/** A problem with the join link itself (expired, not a join link), which no name can fix; null for any other. */
export function linkProblem(error: JoinError | null | undefined, t: Translate): string | null {
  return error && (error.code === 'link-expired' || error.code === 'link-invalid') ? nameProblem(error, t).message : null;
}

/**
 * The "what should we call you?" form, shared by `<co-join>` and by the line every element shows
 * in place of its content while a join link waits for a name (`<co-join-gate>`): one label, one
 * hint, one field, one button; errors in words next to the field, and focus back in the field so
 * they are read out. What the person typed is never cleared by an error.
 *
 * The host renders it with {@link render} inside its own shadow root (with `joinBaseStyles`
 * and `buttons`), and passes what to do with the name to {@link submit}.
 */
export class NameForm implements ReactiveController {
  /** The problem with the name, shown next to the field. */
  fieldError: string | null = null;
  /** A problem that is not about the name (from the last attempt). */
  problem: string | null = null;

  /**
   * @param say Says a message through the workshop's live region: why a submit failed is announced
   *   (the error is also shown next to the field, and focus goes back to it).
   */
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment },
    private readonly t: Translate,
    private readonly say: (message: string) => void = () => {},
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Forgets the last error (e.g. when the form is closed). */
  reset(): void {
    this.fieldError = null;
    this.problem = null;
    this.host.requestUpdate();
  }

  /** The name field, if the form is on screen. */
  get input(): HTMLInputElement | null {
    return this.host.renderRoot.querySelector<HTMLInputElement>('#join-name');
  }

  /**
   * Handles the form's submit: runs `action` with what was typed. On failure shows why, in words,
   * and puts focus back in the field. Resolves true when `action` succeeded.
   */
  async submit(event: SubmitEvent, action: (name: string) => void | Promise<void>): Promise<boolean> {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement | null)?.querySelector<HTMLInputElement>('#join-name') ?? this.input;
    if (!input) return false;
    try {
      await action(input.value);
      this.fieldError = null;
      this.problem = null;
      this.host.requestUpdate();
      return true;
    } catch (error) {
      const { message, field } = nameProblem(error, this.t);
      this.fieldError = field ? message : null;
      this.problem = field ? null : message;
      this.host.requestUpdate();
      await this.host.updateComplete;
      (this.input ?? input).focus();
      // Focus may already have been in the field (Enter pressed there), so nothing new is read out.
      this.say(message);
      return false;
    }
  }

  render(view: NameFormView, onSubmit: (event: SubmitEvent) => void): TemplateResult {
    const level = Math.min(6, Math.max(1, Math.round(view.headingLevel) || 2));
    const problem = this.problem ?? view.problem ?? null;
    const error = this.fieldError;
    const describedBy = ['join-hint', problem ? 'join-problem' : '', error ? 'join-error' : ''].filter(Boolean).join(' ');
    const cancel = view.cancel;
    // Escape cancels, like the Cancel button (which puts focus back where the form was opened from).
    const onKeyDown = cancel
      ? (event: KeyboardEvent): void => {
          if (event.key !== 'Escape' || event.isComposing) return;
          event.preventDefault();
          event.stopPropagation();
          cancel();
        }
      : undefined;
    return html`<form part="name-form" class="name-form" @submit=${onSubmit} @keydown=${onKeyDown} novalidate aria-labelledby="join-title">
      <div class="heading" role="heading" aria-level=${level} id="join-title" dir="auto">${view.title}</div>
      ${problem ? html`<p class="problem" id="join-problem"><span class="visually-hidden">${this.t('errorPrefix')}</span> ${problem}</p>` : nothing}
      <div class="field ${error ? 'field-error' : ''}">
        <label class="label" for="join-name">${this.t('joinNameLabel')}</label>
        <p class="hint" id="join-hint">${this.t('joinNameHint')}</p>
        ${error ? html`<p class="error" id="join-error"><span class="visually-hidden">${this.t('errorPrefix')}</span> ${error}</p>` : nothing}
        <input
          id="join-name"
          name="name"
          type="text"
          autocomplete="nickname"
          spellcheck="false"
          .value=${view.initial}
          aria-describedby=${describedBy}
          aria-invalid=${error ? 'true' : 'false'}
        />
      </div>
      <div class="actions">
        <button class="button" type="submit" data-action="join">${view.busy ? this.t('joinJoining') : view.submitLabel}</button>
        ${cancel
          ? html`<button class="button" data-variant="secondary" type="button" data-action="cancel" @click=${cancel}>${this.t('cancel')}</button>`
          : nothing}
      </div>
    </form>`;
  }
}

import { css, html } from 'lit';
import type { ColourName } from '@coproduce/core';

/**
 * Up to two initials from a name ("Sam Jones" → "SJ", "ŵyn" → "Ŵ"), one per word, whole
 * characters (an emoji or a letter with an accent is never cut in half), in the name's logical
 * order. Words with a letter come first: a number in a name is not an initial ("سارة 2" → "س",
 * not "س2", which a left-to-right line shows as "2س"), unless the name has no letters at all.
 */
export function initials(name: string): string {
  const all = name.trim().split(/\s+/);
  const lettered = all.filter((w) => /\p{L}/u.test(w));
  const words = lettered.length ? lettered : all.filter((w) => /\p{N}/u.test(w));
  const first = (word: string | undefined): string => {
    if (!word) return '';
    const letter = [...word].find((c) => /[\p{L}\p{N}]/u.test(c)) ?? '';
    return letter.toLocaleUpperCase();
  };
  if (words.length === 0) return '?';
  if (words.length === 1) return first(words[0]);
  return first(words[0]) + first(words[words.length - 1]);
}

/**
 * A person's avatar: their initials on their colour (the light note tint with a darker edge), so a
 * person is never told apart by colour alone. Decorative: the name is always written next to it.
 */
export function avatar(name: string, colour: ColourName, away = false) {
  return html`<span class="avatar" data-colour=${colour} ?data-away=${away} aria-hidden="true" dir="auto">${initials(name)}</span>`;
}

export const avatarStyles = css`
  .avatar {
    display: inline-flex;
    flex: none;
    align-items: center;
    justify-content: center;
    width: 40px;
    height: 40px;
    border-radius: 50%;
    border: 3px solid var(--_note-edge, var(--_border));
    background: var(--_note, var(--_surface));
    color: var(--_text);
    font-weight: 700;
    font-size: 0.95rem;
    line-height: 1;
    letter-spacing: 0.02em;
  }
  .avatar[data-away] {
    border-style: dashed;
    opacity: 0.75;
  }
  @media (forced-colors: active) {
    .avatar {
      border-color: CanvasText;
    }
  }
`;

import type { MessageKey } from '../i18n/localize.js';
import { numberStartsWithVowel } from '../internal/welsh-and.js';
import './strings.js';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Whole seconds shown for a time left: 0.2 s left still shows "0:01", so "0:00" means time is up. */
export function shownSeconds(ms: number): number {
  return Math.max(0, Math.ceil(ms / 1000));
}

/** The countdown as digits: `4:05`, or `1:02:03` from an hour up. */
export function clock(ms: number): string {
  const total = shownSeconds(ms);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}

/** A time in words, for screen readers and announcements: "4 minutes and 5 seconds". */
export function spoken(ms: number, t: Translate): string {
  const total = shownSeconds(ms);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const parts: string[] = [];
  if (hours) parts.push(t('timerHours', { count: hours }));
  if (minutes) parts.push(t('timerMinutes', { count: minutes }));
  if (seconds || parts.length === 0) parts.push(t('timerSeconds', { count: seconds }));
  if (parts.length === 1) return parts[0]!;
  const last = parts.pop()!;
  // The last part starts with its number ("8 eiliad"): Welsh says "ac" before "un", "wyth" and so on.
  const lastCount = seconds || minutes;
  return t(numberStartsWithVowel(lastCount) ? 'timerAndVowel' : 'timerAnd', { first: parts.join(' '), last });
}

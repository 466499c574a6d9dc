import { registerStrings, type Message } from '../i18n/registry.js';

/**
 * Strings of the timer element(s): English, the reference, and Welsh (Cymraeg), which must have every key (the type
 * below makes a missing Welsh string a compile error). Each bundle carries only the strings of the
 * elements it contains. Welsh plural forms (zero, one, two, few, many, other) are chosen by
 * Intl.PluralRules('cy').
 */
const en = {
  timerLabel: 'Timer',
  timerIdle: 'Not started',
  timerRunning: 'Running',
  timerPaused: 'Paused',
  timerEnded: 'Time’s up',
  timerLeft: '{time} left',
  timerHours: { one: '{count} hour', other: '{count} hours' },
  timerMinutes: { one: '{count} minute', other: '{count} minutes' },
  timerSeconds: { one: '{count} second', other: '{count} seconds' },
  timerAnd: '{first} and {last}',
  /** The same, where the last part is read starting with a vowel sound (Welsh "ac" before "un", "wyth"…). */
  timerAndVowel: '{first} and {last}',
  timerStartedAnnouncement: 'The timer has started: {time}',
  timerPausedAnnouncement: 'The timer is paused with {time} left',
  timerResumedAnnouncement: 'The timer is running again: {time} left',
  timerChangedAnnouncement: 'The timer changed: {time} left',
  timerClearedAnnouncement: 'The timer was cleared',
  timerOneMinuteLeft: '1 minute left',
  timerEndedAnnouncement: 'Time’s up',
  timerEndedHint: 'Finish what you are writing. The facilitator will say what happens next.',
  timerControlsLabel: 'Timer controls',
  timerMinutesLabel: 'Minutes',
  timerMinutesError: 'Enter a whole number of minutes from 1 to 1,440',
  timerStart: 'Start timer',
  timerPause: 'Pause',
  timerResume: 'Resume',
  timerAddMinute: 'Add 1 minute',
  timerEnd: 'End now',
  timerReset: 'Clear timer',
  timerSound: 'Play a soft sound when time is up',
} satisfies Record<string, Message>;

const cy: Record<keyof typeof en, Message> = {
  timerLabel: 'Amserydd',
  timerIdle: 'Heb ddechrau',
  timerRunning: 'Yn rhedeg',
  timerPaused: 'Wedi’i oedi',
  timerEnded: 'Mae’r amser ar ben',
  timerLeft: '{time} ar ôl',
  timerHours: { one: '{count} awr', two: '{count} awr', few: '{count} awr', many: '{count} awr', other: '{count} awr' },
  timerMinutes: { one: '{count} munud', two: '{count} funud', few: '{count} munud', many: '{count} munud', other: '{count} munud' },
  timerSeconds: { one: '{count} eiliad', two: '{count} eiliad', few: '{count} eiliad', many: '{count} eiliad', other: '{count} eiliad' },
  timerAnd: '{first} a {last}',
  timerAndVowel: '{first} ac {last}',
  timerStartedAnnouncement: 'Mae’r amserydd wedi dechrau: {time}',
  timerPausedAnnouncement: 'Mae’r amserydd wedi’i oedi gyda {time} ar ôl',
  timerResumedAnnouncement: 'Mae’r amserydd yn rhedeg eto: {time} ar ôl',
  timerChangedAnnouncement: 'Mae’r amserydd wedi newid: {time} ar ôl',
  timerClearedAnnouncement: 'Mae’r amserydd wedi’i glirio',
  timerOneMinuteLeft: '1 munud ar ôl',
  timerEndedAnnouncement: 'Mae’r amser ar ben',
  timerEndedHint: 'Gorffennwch yr hyn rydych chi’n ei ysgrifennu. Bydd yr hwylusydd yn dweud beth sy’n digwydd nesaf.',
  timerControlsLabel: 'Rheolyddion yr amserydd',
  timerMinutesLabel: 'Munudau',
  timerMinutesError: 'Rhowch nifer cyfan o funudau rhwng 1 a 1,440',
  timerStart: 'Dechrau’r amserydd',
  timerPause: 'Oedi',
  timerResume: 'Ailddechrau',
  timerAddMinute: 'Ychwanegu 1 munud',
  timerEnd: 'Gorffen nawr',
  timerReset: 'Clirio’r amserydd',
  timerSound: 'Chwarae sain dawel pan fydd yr amser ar ben',
};

export const strings = { en, cy };
registerStrings(strings);

declare module '../i18n/registry.js' {
  interface CoproduceMessages extends Record<keyof typeof en, Message> {}
}

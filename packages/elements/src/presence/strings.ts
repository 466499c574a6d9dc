import { registerStrings, type Message } from '../i18n/registry.js';

/**
 * Strings of the presence element(s): English, the reference, and Welsh (Cymraeg), which must have every key (the type
 * below makes a missing Welsh string a compile error). Each bundle carries only the strings of the
 * elements it contains. Welsh plural forms (zero, one, two, few, many, other) are chosen by
 * Intl.PluralRules('cy').
 */
const en = {
  presenceLabel: 'Who’s here',
  presenceCount: { one: '{count} person here', other: '{count} people here' },
  presenceYourConnection: 'Your connection: {status}',
  presenceNobody: 'Nobody is here yet.',
  presenceHere: 'In the workshop',
  presenceLooking: 'Looking at “{title}”',
  presenceEditing: 'Writing in “{title}”',
  presenceSomewhere: 'another part of the workshop',
  presenceJoined: { one: '{name} joined', other: '{count} people joined' },
  presenceLeft: { one: '{name} left', other: '{count} people left' },
  phaseLabel: 'Where we are',
  phaseStep: 'Step {step} of {total}',
  phaseNotStarted: 'The facilitator will start the first step soon.',
  focusGroupLabel: 'Following the facilitator',
  focusFollowing: 'The facilitator is bringing everyone to “{title}”. Your view follows them.',
  focusNotFollowing: 'The facilitator is bringing everyone to “{title}”. You stepped out, so your view stays where you are.',
  focusStepOut: 'Stop following',
  focusGoThere: 'Go there',
  focusFollowAgain: 'Follow the facilitator again',
  focusHeld: 'The facilitator is bringing everyone to “{title}”. Your view stayed where it is, so you can finish what you are doing.',
  presenceJoinedList: '{names} joined',
  presenceLeftList: '{names} left',
  presenceOthers: { one: '{count} other', other: '{count} others' },
  presenceJoinedFacilitator: '{name}, facilitator, joined',
  presenceNameFacilitator: '{name} (facilitator)',
} satisfies Record<string, Message>;

const cy: Record<keyof typeof en, Message> = {
  presenceLabel: 'Pwy sydd yma',
  presenceCount: {
    zero: 'Does neb yma',
    one: '{count} person yma',
    two: '{count} o bobl yma',
    few: '{count} o bobl yma',
    many: '{count} o bobl yma',
    other: '{count} o bobl yma',
  },
  presenceYourConnection: 'Eich cysylltiad: {status}',
  presenceNobody: 'Does neb yma eto.',
  presenceHere: 'Yn y gweithdy',
  presenceLooking: 'Yn edrych ar “{title}”',
  presenceEditing: 'Yn ysgrifennu yn “{title}”',
  presenceSomewhere: 'rhan arall o’r gweithdy',
  presenceJoined: { one: 'Mae {name} wedi ymuno', other: 'Mae {count} o bobl wedi ymuno' },
  presenceLeft: { one: 'Mae {name} wedi gadael', other: 'Mae {count} o bobl wedi gadael' },
  phaseLabel: 'Ble rydyn ni arni',
  phaseStep: 'Cam {step} o {total}',
  phaseNotStarted: 'Bydd yr hwylusydd yn dechrau’r cam cyntaf cyn bo hir.',
  focusGroupLabel: 'Dilyn yr hwylusydd',
  focusFollowing: 'Mae’r hwylusydd yn dod â phawb i “{title}”. Mae eich golwg yn eu dilyn.',
  focusNotFollowing: 'Mae’r hwylusydd yn dod â phawb i “{title}”. Rydych chi wedi camu allan, felly mae eich golwg yn aros lle rydych chi.',
  focusStepOut: 'Peidio â dilyn',
  focusGoThere: 'Mynd yno',
  focusFollowAgain: 'Dilyn yr hwylusydd eto',
  focusHeld: 'Mae’r hwylusydd yn dod â phawb i “{title}”. Mae eich golwg wedi aros lle mae hi, felly gallwch chi orffen beth rydych chi’n ei wneud.',
  presenceJoinedList: 'Mae {names} wedi ymuno',
  presenceLeftList: 'Mae {names} wedi gadael',
  presenceOthers: { one: '{count} arall', other: '{count} arall' },
  presenceJoinedFacilitator: 'Mae {name}, hwylusydd, wedi ymuno',
  presenceNameFacilitator: '{name} (hwylusydd)',
};

export const strings = { en, cy };
registerStrings(strings);

declare module '../i18n/registry.js' {
  interface CoproduceMessages extends Record<keyof typeof en, Message> {}
}

import { registerStrings, type Message } from '../i18n/registry.js';

/**
 * Strings every workshop page needs, whatever elements it shows: what the workshop's focus follower
 * (presence/follow.ts, run by <co-workshop> and by each standalone element) announces when the
 * facilitator moves the workshop on a step or brings everyone to one place. Apart from the
 * presence element's catalogue (presence/strings.ts), so a bundle without <co-presence> carries
 * only these. English, the reference, and Welsh (Cymraeg), which must have every key.
 */
const en = {
  phaseNowAnnouncement: 'Now: {phase}, step {step} of {total}',
  focusAnnouncement: 'The facilitator brought everyone to “{title}”',
  focusNotFollowingAnnouncement: 'The facilitator brought everyone to “{title}”. You are not following, so your view stays where it is.',
  focusClearedAnnouncement: 'The facilitator is no longer bringing everyone to one place',
  focusSomewhere: 'one part of the workshop',
  focusHeldAnnouncement: 'The facilitator brought everyone to “{title}”. Your view stayed where it is, so you can finish what you are doing.',
  focusHeldGoThere: 'Use “Go there” under “Where we are” when you are ready.',
  focusHeldGoThereNotice: 'Use “Go there” at the bottom of the screen when you are ready.',
  heldNoticeLabel: 'Everyone moved',
  heldNoticeText: 'The facilitator brought everyone to “{title}”. Your view stayed here, so you can finish what you are doing.',
  heldNoticeShort: 'Everyone moved.',
  heldNoticeGoThere: 'Go there',
  heldNoticeHide: 'Hide',
} satisfies Record<string, Message>;

const cy: Record<keyof typeof en, Message> = {
  phaseNowAnnouncement: 'Nawr: {phase}, cam {step} o {total}',
  focusAnnouncement: 'Mae’r hwylusydd wedi dod â phawb i “{title}”',
  focusNotFollowingAnnouncement: 'Mae’r hwylusydd wedi dod â phawb i “{title}”. Dydych chi ddim yn dilyn, felly mae eich golwg yn aros lle mae hi.',
  focusClearedAnnouncement: 'Dydy’r hwylusydd ddim yn dod â phawb i un lle bellach',
  focusSomewhere: 'un rhan o’r gweithdy',
  focusHeldAnnouncement: 'Mae’r hwylusydd wedi dod â phawb i “{title}”. Mae eich golwg wedi aros lle mae hi, felly gallwch chi orffen beth rydych chi’n ei wneud.',
  focusHeldGoThere: 'Defnyddiwch “Mynd yno” o dan “Ble rydyn ni arni” pan fyddwch chi’n barod.',
  focusHeldGoThereNotice: 'Defnyddiwch “Mynd yno” ar waelod y sgrin pan fyddwch chi’n barod.',
  heldNoticeLabel: 'Mae pawb wedi symud',
  heldNoticeText: 'Mae’r hwylusydd wedi dod â phawb i “{title}”. Mae eich golwg wedi aros yma, felly gallwch chi orffen beth rydych chi’n ei wneud.',
  heldNoticeShort: 'Mae pawb wedi symud.',
  heldNoticeGoThere: 'Mynd yno',
  heldNoticeHide: 'Cuddio',
};

export const strings = { en, cy };
registerStrings(strings);

declare module '../i18n/registry.js' {
  interface CoproduceMessages extends Record<keyof typeof en, Message> {}
}

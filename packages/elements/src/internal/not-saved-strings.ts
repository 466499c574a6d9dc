import { registerStrings, type Message } from '../i18n/registry.js';

/**
 * A change the server did not keep, in plain words: every reason a Coproduce server gives (see
 * internal/not-saved.ts). Only the elements that show the notice (board, vote, journey map) load
 * these. English, the reference, and Welsh (Cymraeg), which must have every key.
 */
const en = {
  notSavedVoteClosed: 'Your vote was not saved: voting had already closed.',
  notSavedLocked: 'Your change was not saved: the facilitator has locked this for now.',
  notSavedLockedBecause: 'Your change was not saved: the facilitator has locked this for now. They said: “{reason}”',
  notSavedOther: 'A change was not saved. Please try again. If it happens again, reload the page.',
  notSavedObserver: 'Your change was not saved: you are taking part as an observer, so you can watch but not change anything.',
  notSavedNoRole: 'Your change was not saved: this link lets you watch but not change anything.',
  notSavedOwnOnly: 'Your change was not saved: you can only change or delete what you wrote yourself.',
  notSavedFacilitatorOnly: 'Your change was not saved: only the facilitator can do that.',
  notSavedNotYours:
    'A change was not saved because it was made in someone else’s name. Someone else may have used this device before you. It has been removed.',
  notSavedOtherPage: 'A change was not saved because someone else used this page too. Reload the page, then try again.',
  notSavedOutOfStep: 'A change was not saved because this page was out of step with the workshop. Reload the page, then try again.',
  notSavedGone: 'Your change was not saved: someone else removed what you were changing.',
  notSavedModeration: 'Your idea was not saved: the facilitator now checks new ideas first. Please add it again.',
  notSavedBallot: 'Your vote was not saved: it did not follow the rules of this vote. Please check it and save it again.',
  notSavedFull: 'Your change was not saved: this workshop has reached its size limit. Please tell the facilitator.',
  notSavedPresence: 'Other people may not see that you are here. Reload the page to fix this.',
  notSavedDetails: 'Details',
  notSavedHeldBack:
    'Some of your changes are waiting for someone else’s changes to reach the workshop. Yours are kept on this device and will be sent when theirs arrive.',
};

const cy: Record<keyof typeof en, Message> = {
  notSavedVoteClosed: 'Ni chafodd eich pleidlais ei chadw: roedd y pleidleisio eisoes wedi cau.',
  notSavedLocked: 'Ni chafodd eich newid ei gadw: mae’r hwylusydd wedi cloi hwn am y tro.',
  notSavedLockedBecause: 'Ni chafodd eich newid ei gadw: mae’r hwylusydd wedi cloi hwn am y tro. Dywedodd: “{reason}”',
  notSavedOther: 'Ni chafodd newid ei gadw. Rhowch gynnig arall arni. Os bydd yn digwydd eto, ail-lwythwch y dudalen.',
  notSavedObserver: 'Ni chafodd eich newid ei gadw: rydych chi’n cymryd rhan fel sylwedydd, felly gallwch wylio ond nid newid dim.',
  notSavedNoRole: 'Ni chafodd eich newid ei gadw: mae’r ddolen hon yn gadael i chi wylio ond nid newid dim.',
  notSavedOwnOnly: 'Ni chafodd eich newid ei gadw: dim ond yr hyn a ysgrifennoch chi eich hun y gallwch ei newid neu ei ddileu.',
  notSavedFacilitatorOnly: 'Ni chafodd eich newid ei gadw: dim ond yr hwylusydd all wneud hynny.',
  notSavedNotYours:
    'Ni chafodd newid ei gadw oherwydd iddo gael ei wneud yn enw rhywun arall. Efallai fod rhywun arall wedi defnyddio’r ddyfais hon o’ch blaen. Mae wedi’i dynnu.',
  notSavedOtherPage: 'Ni chafodd newid ei gadw oherwydd bod rhywun arall wedi defnyddio’r dudalen hon hefyd. Ail-lwythwch y dudalen, yna rhowch gynnig arall arni.',
  notSavedOutOfStep: 'Ni chafodd newid ei gadw oherwydd nad oedd y dudalen hon yn cyd-fynd â’r gweithdy. Ail-lwythwch y dudalen, yna rhowch gynnig arall arni.',
  notSavedGone: 'Ni chafodd eich newid ei gadw: mae rhywun arall wedi tynnu’r hyn roeddech chi’n ei newid.',
  notSavedModeration: 'Ni chafodd eich syniad ei gadw: mae’r hwylusydd bellach yn gwirio syniadau newydd yn gyntaf. Ychwanegwch ef eto.',
  notSavedBallot: 'Ni chafodd eich pleidlais ei chadw: doedd hi ddim yn dilyn rheolau’r bleidlais hon. Gwiriwch hi a’i chadw eto.',
  notSavedFull: 'Ni chafodd eich newid ei gadw: mae’r gweithdy hwn wedi cyrraedd ei derfyn maint. Rhowch wybod i’r hwylusydd.',
  notSavedPresence: 'Efallai na fydd pobl eraill yn gweld eich bod chi yma. Ail-lwythwch y dudalen i drwsio hyn.',
  notSavedDetails: 'Manylion',
  notSavedHeldBack:
    'Mae rhai o’ch newidiadau yn aros i newidiadau rhywun arall gyrraedd y gweithdy. Mae eich rhai chi’n cael eu cadw ar y ddyfais hon, a byddan nhw’n cael eu hanfon pan fydd eu rhai nhw’n cyrraedd.',
};

export const strings = { en, cy };
registerStrings(strings);

declare module '../i18n/registry.js' {
  interface CoproduceMessages extends Record<keyof typeof en, Message> {}
}

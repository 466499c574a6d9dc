// The council's own words for the elements' strings that would otherwise speak of "the facilitator"
// or of a link someone gave: residents take part in a consultation the council runs, on a page they
// found on its website. A file of its own (the page's Content-Security-Policy allows no inline
// script) that imports from the bundle the page already loads, not a second copy.
// Both languages: a string replaced in English only would stay as it was in Welsh.
import { setStrings } from './coproduce/coproduce.js';

setStrings('en', {
  joinTitle: 'Take part',
  // the page's join link (it is in the page, so nobody "gave" it to the resident)
  statusRefused: 'Taking part is not working on this page right now. Please try again later, or contact the council.',
  joinErrorLinkExpired: 'Taking part is not working on this page right now. Please try again later, or contact the council.',
  joinErrorLinkInvalid: 'Taking part is not working on this page right now. Please try again later, or contact the council.',
  refusedNoLink: 'Taking part is not working on this page right now. Please try again later, or contact the council.',
  refusedOtherRoom: 'Taking part is not working on this page right now. Please try again later, or contact the council.',
  // the board
  boardNotSetUp: 'This board is not ready yet. Please come back later.',
  boardLocked: 'The council has closed the board to new ideas.',
  boardAnnounceLocked: 'The council closed this board.',
  boardErrorLocked: 'The council has closed this board, so it can’t be changed now.',
  boardLockedReason: 'The council said: “{reason}”',
  boardOrganiseNote: 'The council organises the groups on this board. You can move your own ideas into a group.',
  boardAnnounceOrganiseOn: 'The council now organises the groups',
  boardErrorOrganise: 'Only the council can organise the groups on this board. You can move your own ideas.',
  // the vote
  voteNotOpen: 'Voting is not open right now. The council opens it when it is time to vote.',
  voteNotSetUp: 'This vote is not ready yet. Please come back later.',
  voteLocked: 'The council has closed this vote, so votes cannot be changed now.',
  voteLockedBecause: 'The council has closed this vote, so votes cannot be changed now. They said: “{reason}”',
  voteResultsHidden: 'The council will publish the results when the consultation closes.',
  voteResultsNowHidden: 'The council has hidden the results.',
  voteResultsNowHiddenOf: 'The council has hidden the results: {title}',
  // a change made just as the council closed something
  notSavedLocked: 'Your change was not saved: the council has closed this for now.',
  notSavedLockedBecause: 'Your change was not saved: the council has closed this for now. They said: “{reason}”',
});

setStrings('cy', {
  joinTitle: 'Cymryd rhan',
  statusRefused: 'Dydy cymryd rhan ddim yn gweithio ar y dudalen hon ar hyn o bryd. Rhowch gynnig arall arni yn nes ymlaen, neu cysylltwch â’r cyngor.',
  joinErrorLinkExpired: 'Dydy cymryd rhan ddim yn gweithio ar y dudalen hon ar hyn o bryd. Rhowch gynnig arall arni yn nes ymlaen, neu cysylltwch â’r cyngor.',
  joinErrorLinkInvalid: 'Dydy cymryd rhan ddim yn gweithio ar y dudalen hon ar hyn o bryd. Rhowch gynnig arall arni yn nes ymlaen, neu cysylltwch â’r cyngor.',
  refusedNoLink: 'Dydy cymryd rhan ddim yn gweithio ar y dudalen hon ar hyn o bryd. Rhowch gynnig arall arni yn nes ymlaen, neu cysylltwch â’r cyngor.',
  refusedOtherRoom: 'Dydy cymryd rhan ddim yn gweithio ar y dudalen hon ar hyn o bryd. Rhowch gynnig arall arni yn nes ymlaen, neu cysylltwch â’r cyngor.',
  boardNotSetUp: 'Dydy’r bwrdd hwn ddim yn barod eto. Dewch yn ôl yn nes ymlaen.',
  boardLocked: 'Mae’r cyngor wedi cau’r bwrdd i syniadau newydd.',
  boardAnnounceLocked: 'Mae’r cyngor wedi cau’r bwrdd hwn.',
  boardErrorLocked: 'Mae’r cyngor wedi cau’r bwrdd hwn, felly does dim modd ei newid nawr.',
  boardLockedReason: 'Dywedodd y cyngor: “{reason}”',
  boardOrganiseNote: 'Y cyngor sy’n trefnu’r grwpiau ar y bwrdd hwn. Gallwch symud eich syniadau eich hun i grŵp.',
  boardAnnounceOrganiseOn: 'Y cyngor sy’n trefnu’r grwpiau nawr',
  boardErrorOrganise: 'Dim ond y cyngor sy’n gallu trefnu’r grwpiau ar y bwrdd hwn. Gallwch symud eich syniadau eich hun.',
  voteNotOpen: 'Dydy’r bleidlais ddim ar agor ar hyn o bryd. Bydd y cyngor yn ei hagor pan fydd hi’n amser pleidleisio.',
  voteNotSetUp: 'Dydy’r bleidlais hon ddim yn barod eto. Dewch yn ôl yn nes ymlaen.',
  voteLocked: 'Mae’r cyngor wedi cau’r bleidlais hon, felly does dim modd newid pleidleisiau nawr.',
  voteLockedBecause: 'Mae’r cyngor wedi cau’r bleidlais hon, felly does dim modd newid pleidleisiau nawr. Dywedodd: “{reason}”',
  voteResultsHidden: 'Bydd y cyngor yn cyhoeddi’r canlyniadau pan fydd yr ymgynghoriad yn cau.',
  voteResultsNowHidden: 'Mae’r cyngor wedi cuddio’r canlyniadau.',
  voteResultsNowHiddenOf: 'Mae’r cyngor wedi cuddio’r canlyniadau: {title}',
  notSavedLocked: 'Ni chafodd eich newid ei gadw: mae’r cyngor wedi cau hwn am y tro.',
  notSavedLockedBecause: 'Ni chafodd eich newid ei gadw: mae’r cyngor wedi cau hwn am y tro. Dywedodd: “{reason}”',
});

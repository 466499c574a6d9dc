// The council's own words for a few of the elements' strings: residents take part in a consultation the
// council runs, not a workshop with a facilitator. A file of its own (the page's Content-Security-Policy
// allows no inline script) that imports from the bundle the page already loads, not a second copy.
// Both languages: a string replaced in English only would stay as it was in Welsh.
import { setStrings } from './coproduce/coproduce.js';

setStrings('en', {
  joinTitle: 'Take part',
  voteNotOpen: 'Voting is not open right now. The council opens it when it is time to vote.',
  voteResultsHidden: 'The council will publish the results when the consultation closes.',
});

setStrings('cy', {
  joinTitle: 'Cymryd rhan',
  voteNotOpen: 'Dydy’r bleidlais ddim ar agor ar hyn o bryd. Bydd y cyngor yn ei hagor pan fydd hi’n amser pleidleisio.',
  voteResultsHidden: 'Bydd y cyngor yn cyhoeddi’r canlyniadau pan fydd yr ymgynghoriad yn cau.',
});

// Welsh counted forms, as the browser picks them. A Welsh number takes a singular noun, and the
// numeral mutates it: "un" softens a feminine noun (1 bleidlais), "dau"/"dwy" soften any noun
// (2 bwynt, 2 ddot, 2 funud), "tri" aspirates a masculine one (3 phwynt, but "tair pleidlais"),
// "chwe" aspirates c, p and t (6 phleidlais). Written as figures, the noun still mutates as it would
// after the word, so a screen reader reading "2" as "dau" reads the right noun. Intl.PluralRules('cy')
// gives 0 zero, 1 one, 2 two, 3 few, 6 many and everything else other.
import { expect } from '@open-wc/testing';
import { translate, type MessageKey } from '../src/index.js';

const cy = (key: MessageKey, count: number, params: Record<string, string | number> = {}) => translate('cy', key, { ...params, count });

describe('Welsh counted forms', () => {
  it('follows the numeral’s mutation for a feminine noun (pleidlais)', () => {
    expect([0, 1, 2, 3, 6, 11].map((n) => cy('boardVotes', n))).to.deep.equal([
      '0 pleidlais',
      '1 bleidlais',
      '2 bleidlais',
      '3 pleidlais',
      '6 phleidlais',
      '11 pleidlais',
    ]);
    expect(cy('voteResultVotes', 2)).to.equal('2 bleidlais');
    expect(cy('voteResultVotes', 6)).to.equal('6 phleidlais');
  });

  it('follows the numeral’s mutation for a masculine noun (pwynt, papur, cyfrif, cofnod)', () => {
    expect([1, 2, 3, 5, 6].map((n) => cy('voteResultPoints', n))).to.deep.equal(['1 pwynt', '2 bwynt', '3 phwynt', '5 pwynt', '6 phwynt']);
    expect(cy('boardPoints', 3)).to.equal('3 phwynt');
    expect(cy('votePaperBallots', 2)).to.equal('Cafodd 2 bapur pleidleisio eu hychwanegu.');
    expect(cy('votePaperBallots', 3)).to.equal('Cafodd 3 phapur pleidleisio eu hychwanegu.');
    expect(cy('votePaperTallies', 6)).to.equal('Cafodd 6 chyfrif papur eu hychwanegu.');
    expect(cy('voteIgnoredPaperVotes', 2)).to.contain('Dydy 2 gofnod papur ddim');
    expect(cy('voteBordaExplained', 3)).to.contain('mae pob dewis cyntaf yn cael 3 phwynt');
  });

  it('softens a noun after "dau"/"dwy" whatever its gender (dot, munud, trefn)', () => {
    expect([1, 2, 3].map((n) => cy('voteDotCount', n))).to.deep.equal(['1 dot', '2 ddot', '3 dot']);
    expect(cy('voteDotsOn', 2, { label: 'Coed' })).to.equal('2 ddot ar “Coed”.');
    expect(cy('voteRulesDots', 2)).to.match(/^Mae gennych 2 ddot i’w gosod\./);
    expect([1, 2, 3].map((n) => cy('timerMinutes', n))).to.deep.equal(['1 munud', '2 funud', '3 munud']);
    expect(cy('voteAllRankingsSummary', 2)).to.equal('Gweld pob un o’r 2 drefn wahanol a fwriwyd');
    expect(cy('voteAllRankingsSummary', 6)).to.equal('Gweld pob un o’r 6 threfn wahanol a fwriwyd');
  });

  it('leaves nouns that do not mutate as they are (syniad, opsiwn, awr)', () => {
    expect([2, 3, 6].map((n) => cy('boardGroupCount', n))).to.deep.equal(['2 syniad', '3 syniad', '6 syniad']);
    expect(cy('voteChooseUpTo', 2)).to.equal('Dewiswch hyd at 2 opsiwn');
    expect(cy('timerHours', 2)).to.equal('2 awr');
  });
});

// What a voter reads when saving their vote is refused because the vote is no longer open: "has
// closed", or — when it closed and was reset meanwhile — "not open right now".
import { expect } from '@open-wc/testing';
import { CoproduceError } from '@coproduce/core';
import { translate } from '../src/index.js';
import { describeVoteError } from '../src/vote/shared.js';

const t = (lang: string) => (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(lang, key, params);

describe('a refused vote, in words', () => {
  it('says the vote has closed, or is not open yet after a reset, in English and Welsh', () => {
    const closed = new CoproduceError('closed', 'This vote is closed.', null, { voteId: 'v', stage: 'closed' });
    const notOpen = new CoproduceError('closed', 'This vote is not open yet.', null, { voteId: 'v', stage: 'not-open' });
    expect(describeVoteError(t('en'), 'en', closed, [])).to.equal(translate('en', 'voteHasClosed'));
    expect(describeVoteError(t('en'), 'en', notOpen, [])).to.equal(translate('en', 'voteNotOpen'));
    expect(describeVoteError(t('en'), 'en', notOpen, [])).to.contain('not open');
    expect(describeVoteError(t('cy'), 'cy', notOpen, [])).to.contain('ddim ar agor');
    // An error from an older core, without a stage, reads as closed.
    expect(describeVoteError(t('en'), 'en', new CoproduceError('closed', 'This vote is closed.'), [])).to.equal(translate('en', 'voteHasClosed'));
  });
});

// The test pages themselves: a failed assertion is reported whatever values it names. The runner
// sends results through structuredClone; an element or a Y.Doc in a failed assertion used to make
// that throw, so the run waited five minutes and ended "browser disconnected" with no word of
// which assertion failed (web-test-runner.config.mjs, cloneableResults).
import { expect } from '@open-wc/testing';
import * as Y from 'yjs';

/** The error a failed assertion throws. */
function failure(assert: () => void): Error {
  try {
    assert();
  } catch (error) {
    return error as Error;
  }
  throw new Error('the assertion passed');
}

describe('the test pages', () => {
  it('can send a failed assertion about an element or a document, with its message', () => {
    const aboutElement = failure(() => expect(document.createElement('co-idea-card')).to.equal(undefined));
    const doc = new Y.Doc();
    const aboutDoc = failure(() => expect(doc).to.equal(new Y.Doc()));
    const sent = structuredClone({ errors: [aboutElement, aboutDoc], logs: [() => 1] }) as { errors: Error[]; logs: unknown[] };
    expect(sent.errors[0]!.message).to.equal(aboutElement.message);
    expect(sent.errors[0]!.message).to.contain('co-idea-card');
    expect(sent.errors[1]!.message).to.equal(aboutDoc.message);
    expect(sent.logs[0]).to.be.a('string');
    // Values that could always be sent are sent as they are.
    expect(structuredClone({ a: [1, 'two', { three: new Date(3) }] })).to.deep.equal({ a: [1, 'two', { three: new Date(3) }] });
    doc.destroy();
  });
});

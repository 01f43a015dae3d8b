import {
  checkKnownFailures,
  loadKnownFailures,
  parseKnownFailures,
} from '../../../infra/local/step-functions/conformance/known-failures';
import type { RunVerdict } from '../../../infra/local/step-functions/conformance/run-conformance';

const failing = (caseId: string, reason: string): RunVerdict => ({ caseId, run: 0, passed: false, reason });
const passing = (caseId: string): RunVerdict => ({ caseId, run: 0, passed: true });

describe('known conformance failures', () => {
  it('accepts a failure that fails for its listed reason', () => {
    // Prepare
    const known = parseKnownFailures({
      'wait_x#0': { reason: 'Wait past 2038', expect: 'status FAILED (error States.Runtime' },
    });

    // Act
    const check = checkKnownFailures(
      [failing('wait_x', 'status FAILED (error States.Runtime: x), AWS SUCCEEDED')],
      known,
    );

    // Assess
    expect(check).toEqual({ unlisted: [], nowPassing: [], otherReason: [], missing: [] });
  });

  it('reports a known failure failing for another reason, a passing one, an unlisted one and a missing one', () => {
    // Prepare
    const known = parseKnownFailures({
      'a#0': { reason: 'r', expect: 'history differs at event 6' },
      'b#0': { reason: 'r', expect: 'anything' },
      'gone#0': { reason: 'r', expect: 'anything' },
    });

    // Act
    const check = checkKnownFailures(
      [failing('a', 'output [1], AWS [2]'), passing('b'), failing('c', 'error X, AWS Y')],
      known,
    );

    // Assess
    expect(check).toEqual({
      unlisted: ['c#0: error X, AWS Y'],
      nowPassing: ['b#0'],
      otherReason: ['a#0: expected a reason containing "history differs at event 6", got "output [1], AWS [2]"'],
      missing: ['gone#0'],
    });
  });

  it('refuses entries without a checkable reason', () => {
    // Act
    const bare = () => parseKnownFailures({ 'a#0': 'a different number of events' });
    const noExpect = () => parseKnownFailures({ 'a#0': { reason: 'r', expect: ' ' } });
    const badKey = () => parseKnownFailures({ a: { reason: 'r', expect: 'e' } });

    // Assess
    expect(bare).toThrow('"a#0" needs a non-empty "reason" and "expect"');
    expect(noExpect).toThrow('"a#0" needs a non-empty "reason" and "expect"');
    expect(badKey).toThrow('"a" is not "<caseId>#<run>"');
  });

  it("reads the project's list", () => {
    expect(() => loadKnownFailures()).not.toThrow();
  });
});

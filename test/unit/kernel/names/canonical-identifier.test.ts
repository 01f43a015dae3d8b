import { canonicalIdentifier } from '../../../../functions/kernel/names/canonical-identifier';

describe('canonicalIdentifier', () => {
  it('keeps upper-case letters and digits only', () => {
    // Prepare / Act / Assess
    expect(canonicalIdentifier(' pa 123-456/b ')).toBe('PA123456B');
  });
});

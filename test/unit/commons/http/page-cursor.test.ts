import { decodePageCursor, encodePageCursor } from '../../../../functions/commons/http/page-cursor';
import { ProblemError } from '../../../../functions/commons/http/problem';

describe('page cursors', () => {
  it('round-trips a key this API returned', () => {
    // Prepare
    const key = { pk: 'COMPLIANCE_REPORTS', sk: 'REPORT#2026-12-04T00:00:00.000Z#report_1' };

    // Act
    const decoded = decodePageCursor(encodePageCursor(key), ['pk', 'sk'], (found) => found.pk === 'COMPLIANCE_REPORTS');

    // Assess
    expect(decoded).toEqual(key);
  });

  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    ['another key shape', encodePageCursor({ pk: 'COMPLIANCE_REPORTS', sk: 'x', gsi1pk: 'y' })],
    ['a number where a string belongs', encodePageCursor({ pk: 'COMPLIANCE_REPORTS', sk: 1 })],
    ['another partition', encodePageCursor({ pk: 'ORDER#order_1', sk: 'ORDER' })],
  ])('refuses %s with 400 naming /cursor', (_case, cursor) => {
    // Act
    const decode = () => decodePageCursor(cursor, ['pk', 'sk'], (found) => found.pk === 'COMPLIANCE_REPORTS');

    // Assess
    expect(decode).toThrow(ProblemError);
    try {
      decode();
    } catch (error) {
      expect((error as ProblemError).status).toBe(400);
      expect(JSON.stringify(error)).toContain('/cursor');
    }
  });
});

import { addBusinessDays } from '../../../functions/review/models/business-days';

describe('addBusinessDays', () => {
  it.each([
    ['a Monday', '2026-11-23T10:00:00.000Z', '2026-11-26T10:00:00.000Z'],
    ['a Wednesday, across the weekend', '2026-11-25T10:00:00.000Z', '2026-11-30T10:00:00.000Z'],
    ['a Friday', '2026-11-27T16:30:00.000Z', '2026-12-02T16:30:00.000Z'],
    ['a Saturday, counting from Monday morning', '2026-11-28T12:00:00.000Z', '2026-12-03T00:00:00.000Z'],
    ['a Sunday', '2026-11-29T23:59:00.000Z', '2026-12-03T00:00:00.000Z'],
  ])('puts a task opened on %s three business days later', (_label, start, due) => {
    // Act
    const result = addBusinessDays(new Date(start), 3);

    // Assess
    expect(result.toISOString()).toBe(due);
  });
});

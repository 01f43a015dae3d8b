import { readFileSync } from 'node:fs';
import path from 'node:path';

/*
 * The architecture rules run in `npm test` (`npm run depcruise`, see .dependency-cruiser.cjs). Violations that
 * predate a rule may be listed as known while they are worked off; these rules may never have any.
 */
const known = JSON.parse(
  readFileSync(path.resolve(__dirname, '..', '..', '.dependency-cruiser-known-violations.json'), 'utf8'),
) as { from: string; to: string; rule: { name: string } }[];

describe('known architecture violations', () => {
  it.each(['review-knows-no-subject', 'no-circular'])('never include %s', (rule) => {
    // Assess
    expect(known.filter((violation) => violation.rule.name === rule)).toEqual([]);
  });

  it('include nothing from the review area, nor anything into the composition root', () => {
    // Assess
    expect(known.filter((violation) => violation.from.startsWith('functions/review/'))).toEqual([]);
    expect(known.filter((violation) => violation.from.startsWith('functions/app/'))).toEqual([]);
  });
});

import type { MonitoredParty } from '../../functions/screening/models/monitored-party';
import type { EvaluationPerson } from '../screening/evaluation-data';

/** A fixed-seed generator: every run monitors the same parties. */
export function createRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const companyWords = [
  'Global',
  'Pacific',
  'Nordic',
  'Golden',
  'Harbor',
  'Summit',
  'Evergreen',
  'Silverline',
  'Blue River',
  'Orient',
  'Atlas',
  'Meridian',
  'Sunrise',
  'Northstar',
  'Crescent',
  'Jade',
  'Lotus',
  'Falcon',
  'Cedar',
  'Amber',
  'Horizon',
  'Zenith',
  'Coastal',
  'Alpine',
  'Delta',
  'Prime',
  'Unity',
  'Vertex',
  'Pioneer',
  'Imperial',
];
const trades = [
  'Trading',
  'Textiles',
  'Machinery',
  'Logistics',
  'Electronics',
  'Garments',
  'Furniture',
  'Ceramics',
  'Plastics',
  'Packaging',
  'Auto Parts',
  'Lighting',
  'Tools',
  'Hardware',
  'Foods',
  'Chemicals',
  'Steel',
  'Timber',
  'Paper',
];
const forms = ['Co., Ltd.', 'GmbH', 'LLC', 'S.A.', 'Pte. Ltd.', 'AB', 'Ltd', 'S.r.l.', 'B.V.', 'Inc.'];
const countries = ['CN', 'DE', 'US', 'IN', 'VN', 'TR', 'BR', 'MX', 'SE', 'IT', 'GB', 'FR', 'PL', 'TH', 'ID'];

const pick = <T>(values: readonly T[], random: () => number): T => values[Math.floor(random() * values.length)]!;

/**
 * Monitored parties as a marketplace has them: 60% companies with one to three directors and UBOs, 40%
 * individuals. People are drawn from the 50,000 unlisted people of the screening evaluation data (names in
 * many scripts, with dates of birth); companies are made of common trading-company words, numbered so that
 * names repeat as often as they do between real companies.
 */
export function generateMonitoredParties(
  count: number,
  people: readonly EvaluationPerson[],
  random: () => number,
): MonitoredParty[] {
  const person = () => {
    const drawn = pick(people, random);
    return {
      name: drawn.name,
      type: 'PERSON' as const,
      ...(drawn.dateOfBirth ? { dateOfBirth: drawn.dateOfBirth } : {}),
    };
  };
  const parties: MonitoredParty[] = [];
  for (let i = 0; i < count; i++) {
    const partyId = `party_bench${String(i).padStart(7, '0')}`;
    const country = pick(countries, random);
    if (random() < 0.4) {
      parties.push({
        partyId,
        names: [{ partyRef: 'applicant', role: 'INDIVIDUAL', query: { ...person(), country } }],
        reasons: ['APPROVED'],
        updatedAt: '2026-12-04T00:00:00.000Z',
      });
      continue;
    }
    const legalName = `${pick(companyWords, random)} ${pick(trades, random)} ${Math.floor(random() * 500)} ${pick(forms, random)}`;
    const representatives = 1 + Math.floor(random() * 3);
    parties.push({
      partyId,
      names: [
        { partyRef: 'applicant', role: 'COMPANY', query: { name: legalName, type: 'ORGANIZATION', country } },
        ...Array.from({ length: representatives }, (_unused, index) => ({
          partyRef: `representatives/${index}`,
          role: index === 0 ? 'DIRECTOR' : 'UBO',
          query: person(),
        })),
      ],
      reasons: ['APPROVED'],
      updatedAt: '2026-12-04T00:00:00.000Z',
    });
  }
  return parties;
}

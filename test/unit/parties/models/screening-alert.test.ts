import fc from 'fast-check';
import type { MonitoringHit } from '../../../../functions/kernel/screening/monitoring-hit';
import {
  assessAlertOpening,
  groupHitsByPartyAndEntity,
  type ScreeningAlertStatus,
} from '../../../../functions/parties/models/screening-alert';

/** A monitoring hit of one party's name on one listed entity, at `score`. */
function monitoringHit(partyId: string, partyRef: string, entityId: string, score: number): MonitoringHit {
  return {
    partyId,
    partyRef,
    role: 'DIRECTOR',
    name: `${partyRef} of ${partyId}`,
    entryHash: `hash-${entityId}`,
    hit: {
      entityId,
      type: 'PERSON',
      name: `Listed ${entityId}`,
      matchedName: `Listed ${entityId}`,
      score,
      lists: ['OFAC-SDN'],
      programs: ['SDGT'],
      explanation: [{ feature: 'NAME', effect: score, detail: 'test' }],
    },
  };
}

describe('assessAlertOpening', () => {
  it('opens an alert for a pair that never alerted', () => {
    // Act
    const opening = assessAlertOpening(undefined, 'hash-1');

    // Assess
    expect(opening).toEqual({ open: true });
  });

  it.each<[ScreeningAlertStatus, string, ReturnType<typeof assessAlertOpening>]>([
    ['OPEN', 'hash-1', { open: false, why: 'ALREADY_OPEN' }],
    ['OPEN', 'hash-2', { open: false, why: 'ALREADY_OPEN' }],
    ['CONFIRMED_MATCH', 'hash-1', { open: false, why: 'CONFIRMED' }],
    ['CONFIRMED_MATCH', 'hash-2', { open: false, why: 'CONFIRMED' }],
    ['FALSE_POSITIVE', 'hash-1', { open: false, why: 'FALSE_POSITIVE_UNCHANGED' }],
    ['FALSE_POSITIVE', 'hash-2', { open: true }],
  ])('with an alert %s on file for hash-1, a hit on %s gives %j', (status, entryHash, expected) => {
    // Prepare
    const existing = { status, entryHash: 'hash-1' };

    // Act
    const opening = assessAlertOpening(existing, entryHash);

    // Assess
    expect(opening).toEqual(expected);
  });
});

describe('groupHitsByPartyAndEntity', () => {
  it('makes one group per party and listed entity, each with its names best score first', () => {
    // Prepare
    const hits = [
      monitoringHit('party_a', 'representatives/0', 'ofac:1', 0.75),
      monitoringHit('party_a', 'applicant', 'ofac:1', 0.92),
      monitoringHit('party_a', 'applicant', 'ofac:2', 0.8),
      monitoringHit('party_b', 'applicant', 'ofac:1', 0.71),
      monitoringHit('party_a', 'representatives/1', 'ofac:1', 0.81),
    ];

    // Act
    const groups = groupHitsByPartyAndEntity(hits);

    // Assess
    const summary = groups.map((group) => group.map((hit) => [hit.partyId, hit.hit.entityId, hit.partyRef]));
    expect(summary).toEqual([
      [
        ['party_a', 'ofac:1', 'applicant'],
        ['party_a', 'ofac:1', 'representatives/1'],
        ['party_a', 'ofac:1', 'representatives/0'],
      ],
      [['party_a', 'ofac:2', 'applicant']],
      [['party_b', 'ofac:1', 'applicant']],
    ]);
  });

  it('counts the same name of a party once per entity, keeping the first hit on it', () => {
    // Prepare: a delta and a full re-screen found the same name in one batch
    const first = monitoringHit('party_a', 'applicant', 'ofac:1', 0.8);
    const again = monitoringHit('party_a', 'applicant', 'ofac:1', 0.9);

    // Act
    const groups = groupHitsByPartyAndEntity([first, again]);

    // Assess
    expect(groups).toEqual([[first]]);
  });

  it('gives nothing for no hits', () => {
    // Act
    const groups = groupHitsByPartyAndEntity([]);

    // Assess
    expect(groups).toEqual([]);
  });

  it('keeps every distinct name once, in one group per pair, best first (property)', () => {
    // Prepare
    const hitArb = fc
      .tuple(
        fc.constantFrom('party_a', 'party_b', 'party_c'),
        fc.constantFrom('applicant', 'representatives/0', 'ubos/0'),
        fc.constantFrom('ofac:1', 'un:2', 'bis:3'),
        fc.integer({ min: 700, max: 1000 }).map((permille) => permille / 1000),
      )
      .map(([partyId, partyRef, entityId, score]) => monitoringHit(partyId, partyRef, entityId, score));

    fc.assert(
      fc.property(fc.array(hitArb, { maxLength: 30 }), (hits) => {
        // Act
        const groups = groupHitsByPartyAndEntity(hits);

        // Assess
        const pairs = groups.map((group) => `${group[0]!.partyId}|${group[0]!.hit.entityId}`);
        expect(new Set(pairs).size).toBe(groups.length);
        expect(new Set(pairs)).toEqual(new Set(hits.map((hit) => `${hit.partyId}|${hit.hit.entityId}`)));
        for (const group of groups) {
          expect(group.length).toBeGreaterThan(0);
          expect(new Set(group.map((hit) => `${hit.partyId}|${hit.hit.entityId}`)).size).toBe(1);
          expect(new Set(group.map((hit) => hit.partyRef)).size).toBe(group.length);
          group.slice(1).forEach((hit, index) => expect(hit.hit.score).toBeLessThanOrEqual(group[index]!.hit.score));
          // each kept name is the first hit on it in the batch
          for (const kept of group) {
            const first = hits.find(
              (hit) =>
                hit.partyId === kept.partyId &&
                hit.hit.entityId === kept.hit.entityId &&
                hit.partyRef === kept.partyRef,
            );
            expect(kept).toBe(first);
          }
        }
        const distinctNames = new Set(hits.map((hit) => `${hit.partyId}|${hit.hit.entityId}|${hit.partyRef}`));
        expect(groups.flat()).toHaveLength(distinctNames.size);
      }),
      { numRuns: 300 },
    );
  });
});

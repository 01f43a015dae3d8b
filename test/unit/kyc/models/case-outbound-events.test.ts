import fc from 'fast-check';
import { eventCatalogue } from '../../../../functions/kernel/events/event-catalogue';
import { draftEvent, outboxAttributes, type EventDraft } from '../../../../functions/kernel/events/outbox';
import { describeCaseEvents } from '../../../../functions/kyc/models/case-outbound-events';
import { caseStatuses, type TimelineEvent } from '../../../../functions/kyc/models/kyc-case';

const caseId = 'kyc_51d0';
const at = '2026-11-23T10:15:30.123Z';

function entry(type: string, detail: Record<string, unknown>): TimelineEvent {
  return { at, type, actor: { kind: 'SYSTEM' }, detail };
}

const subject = { type: 'KYC_CASE', id: caseId };

describe('describeCaseEvents', () => {
  it.each([
    ['PROCESSING', 'kyc.case.submitted'],
    ['INFO_REQUESTED', 'kyc.case.info_requested'],
    ['IN_REVIEW', 'kyc.case.in_review'],
    ['APPROVED', 'kyc.case.approved'],
    ['REJECTED', 'kyc.case.rejected'],
    ['EXPIRED', 'kyc.case.expired'],
  ] as const)('announces a change to %s as %s, with the status and without the reason', (to, type) => {
    // Act
    const drafts = describeCaseEvents(
      caseId,
      entry('STATUS_CHANGED', { from: 'IN_REVIEW', to, reason: 'Document expired on 2026-01-01' }),
    );

    // Assess
    expect(drafts).toEqual([draftEvent(type, { caseId, status: to })]);
  });

  it.each(['AWAITING_DOCUMENTS', 'WITHDRAWN', '', undefined, 42])('announces nothing for a change to %p', (to) => {
    // Act
    const drafts = describeCaseEvents(caseId, entry('STATUS_CHANGED', { from: 'AWAITING_DOCUMENTS', to }));

    // Assess
    expect(drafts).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, EventDraft[]]>([
    [
      'an approval: the party’s new standing and tier, no reasons or message',
      {
        status: 'APPROVED',
        partyId: 'pty_1',
        tier: 'STANDARD',
        reasons: ['All checks passed'],
        message: 'Welcome aboard, Ada',
      },
      [draftEvent('party.kyc.changed', { partyId: 'pty_1', standing: 'APPROVED', tier: 'STANDARD' })],
    ],
    [
      'an approval without a tier: tier null',
      { status: 'APPROVED', partyId: 'pty_1' },
      [draftEvent('party.kyc.changed', { partyId: 'pty_1', standing: 'APPROVED', tier: null })],
    ],
    [
      'a rejection: the party’s standing, tier null',
      { status: 'REJECTED', partyId: 'pty_1', reasons: ['Sanctions match'], taskId: 'tsk_1' },
      [draftEvent('party.kyc.changed', { partyId: 'pty_1', standing: 'REJECTED', tier: null })],
    ],
    ['an expiry: the standing stays as it was', { status: 'EXPIRED', partyId: 'pty_1' }, []],
    ['without a party: nothing', { status: 'APPROVED', tier: 'STANDARD' }, []],
    ['with an empty party id: nothing', { status: 'REJECTED', partyId: '' }, []],
  ])('maps CASE_DECIDED: %s', (_, detail, expected) => {
    // Act
    const drafts = describeCaseEvents(caseId, entry('CASE_DECIDED', detail));

    // Assess
    expect(drafts).toEqual(expected);
  });

  it.each<[string, TimelineEvent, EventDraft[]]>([
    [
      'an opened review task, on the case, without its reasons',
      entry('REVIEW_TASK_OPENED', {
        taskId: 'tsk_1',
        kind: 'KYC_REVIEW',
        dueAt: '2026-11-24T10:00:00.000Z',
        reasons: ['Name close to a sanctioned person'],
      }),
      [draftEvent('review.task.opened', { taskId: 'tsk_1', kind: 'KYC_REVIEW', status: 'OPEN', subject })],
    ],
    [
      'an opened review task without a kind: KYC_REVIEW',
      entry('REVIEW_TASK_OPENED', { taskId: 'tsk_2' }),
      [draftEvent('review.task.opened', { taskId: 'tsk_2', kind: 'KYC_REVIEW', status: 'OPEN', subject })],
    ],
    [
      'a decided review task, with its decision and without its reason',
      entry('REVIEW_DECIDED', {
        taskId: 'tsk_1',
        kind: 'SCREENING_MATCH',
        decision: 'REQUEST_INFO',
        reason: 'Passport scan is blurred',
        requestedDocuments: ['PASSPORT'],
      }),
      [
        draftEvent('review.task.decided', {
          taskId: 'tsk_1',
          kind: 'SCREENING_MATCH',
          status: 'DECIDED',
          subject,
          decision: 'REQUEST_INFO',
        }),
      ],
    ],
    [
      'a decided review task without a decision',
      entry('REVIEW_DECIDED', { taskId: 'tsk_1' }),
      [draftEvent('review.task.decided', { taskId: 'tsk_1', kind: 'KYC_REVIEW', status: 'DECIDED', subject })],
    ],
    ['a review task without a task id', entry('REVIEW_TASK_OPENED', { kind: 'KYC_REVIEW' }), []],
    ['a withdrawal entry', entry('CASE_WITHDRAWN', { by: 'applicant', reason: 'Changed my mind' }), []],
    ['an uploaded document', entry('DOCUMENT_UPLOADED', { documentId: 'doc_1', type: 'PASSPORT' }), []],
  ])('maps %s', (_, timelineEntry, expected) => {
    // Act
    const drafts = describeCaseEvents(caseId, timelineEntry);

    // Assess
    expect(drafts).toEqual(expected);
  });

  // As for orders, the status lookup reads own keys only: a `to` named like a member of Object.prototype once
  // yielded a draft whose type was not a catalogue type.
  it.each(['constructor', 'toString', '__proto__'])(
    'announces nothing for a change to %p (a name of Object.prototype)',
    (to) => {
      // Act
      const drafts = describeCaseEvents(caseId, entry('STATUS_CHANGED', { from: 'IN_REVIEW', to }));

      // Assess
      expect(drafts).toEqual([]);
    },
  );
});

const entryTypes = ['STATUS_CHANGED', 'CASE_DECIDED', 'REVIEW_TASK_OPENED', 'REVIEW_DECIDED', 'DOCUMENT_UPLOADED'];

/** For each key the mapping reads, values that steer it somewhere (the rest of the time, anything). */
const meaningful: Record<string, readonly unknown[]> = {
  from: caseStatuses,
  to: caseStatuses,
  status: caseStatuses,
  partyId: ['pty_1', 'x'],
  tier: ['STANDARD', 'ENHANCED'],
  taskId: ['tsk_1', 'x'],
  kind: ['KYC_REVIEW', 'SCREENING_MATCH'],
  decision: ['APPROVE', 'REJECT', 'REQUEST_INFO'],
};

/** One character of the text drawn: mostly ASCII, some of any script, never a `~`. */
const char = fc
  .oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  )
  .filter((character) => !character.includes('~'));

/** Any value a stored item could hold, and a few it could not (NaN, Infinity, undefined). */
const anything = fc.anything({ maxDepth: 2, stringUnit: char });

/** Marks what must never leave in an event: reasons, messages, documents. No other value drawn has a `~`. */
const secret = fc.string({ maxLength: 8, unit: char }).map((text) => `SECRET~${text}`);

/** A detail where each key may be missing: a value that steers the mapping, anything, or a secret. */
const randomDetail: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    ...Object.fromEntries(
      Object.entries(meaningful).map(([key, values]) => [
        key,
        fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: anything }),
      ]),
    ),
    ...Object.fromEntries(['reason', 'message', 'partnerId', 'name'].map((key) => [key, secret])),
    reasons: fc.tuple(secret),
    requestedDocuments: fc.tuple(secret),
  },
  { requiredKeys: [] },
);

function keysOf(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]);
}

describe('describeCaseEvents, whatever the entry holds', () => {
  it('never throws, emits only valid catalogue events, and never lets a reason or a message out', () => {
    // Prepare
    const entryType = fc.oneof(
      { weight: 19, arbitrary: fc.constantFrom(...entryTypes) },
      { weight: 1, arbitrary: fc.string({ maxLength: 12, unit: char }) },
    );

    fc.assert(
      fc.property(entryType, randomDetail, (type, detail) => {
        // Act
        const drafts = describeCaseEvents(caseId, entry(type, detail));

        // Assess
        for (const draft of drafts) {
          expect(Object.keys(eventCatalogue)).toContain(draft.type);
          expect(eventCatalogue[draft.type].safeParse(draft.data).error).toBeUndefined();
          expect(keysOf(draft.data)).not.toEqual(expect.arrayContaining(['reason']));
          expect(keysOf(draft.data)).not.toEqual(expect.arrayContaining(['partnerId']));
          expect(JSON.stringify(draft.data)).not.toContain('~');
        }
        expect(() => outboxAttributes(caseId, 'EVENT#1', at, drafts)).not.toThrow();
      }),
      { numRuns: 2_000 },
    );
  });

  it('announces a party’s standing only for an approval or a rejection', () => {
    fc.assert(
      fc.property(randomDetail, (detail) => {
        // Act
        const drafts = describeCaseEvents(caseId, entry('CASE_DECIDED', detail));

        // Assess
        const { status, partyId, tier } = detail;
        const changed =
          (status === 'APPROVED' || status === 'REJECTED') && typeof partyId === 'string' && partyId !== '';
        const expected = changed
          ? [
              draftEvent('party.kyc.changed', {
                partyId,
                standing: status,
                tier: typeof tier === 'string' && tier ? tier : null,
              }),
            ]
          : [];
        expect(drafts).toEqual(expected);
      }),
      { numRuns: 1_000 },
    );
  });
});

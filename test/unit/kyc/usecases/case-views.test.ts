import type { KycCase, TimelineEvent } from '../../../../functions/kyc/models/kyc-case';
import type { KycDocument } from '../../../../functions/kyc/models/document';
import type { CaseAggregate } from '../../../../functions/kyc/repositories/case-repository';
import { buildCaseView, buildPartyCaseView } from '../../../../functions/kyc/usecases/get-case';
import { individualCaseRequest } from '../../../fixtures/kyc-requests';

/*
 * The applicant's and the staff's views of a KYC case (DESIGN, "Who may see what"). Every stored value
 * that is for staff only carries a marker, so a test can prove none of it reaches the applicant.
 */

const staffOnly = {
  matchedName: 'PUTIN, Vladimir Vladimirovich',
  entityId: 'ofac-sdn:35096',
  list: 'OFAC-SDN',
  program: 'RUSSIA-EO14024',
  explanation: 'poutin~putin spelling 0.88',
  riskFactor: 'resembles PUTIN score 0.8',
  checkReason: 'CHECK-REASON-NAME-MATCHES',
  extractedValue: 'MRZ-EXTRACTED-VALUE',
  reviewerSubject: 'reviewer-sub-0001',
  reviewerReason: 'REVIEWER-INTERNAL-REASON',
  stackTrace: 'at Object.handler (/var/task/index.js:1:2)',
  taskId: 'task_secret_0001',
  resubmissionToken: 'TOKEN-SECRET',
};

const hit = {
  entityId: staffOnly.entityId,
  name: staffOnly.matchedName,
  matchedName: staffOnly.matchedName,
  score: 0.919,
  lists: [staffOnly.list],
  programs: [staffOnly.program],
  explanation: [{ feature: 'NAME', effect: 0.8, detail: staffOnly.explanation }],
};

const kycCase = {
  ...individualCaseRequest({ fullName: 'Vladimir Poutin' }),
  caseId: 'kyc_1',
  partyId: 'party_1',
  createdBy: 'applicant-sub',
  status: 'REJECTED',
  requiredDocuments: [],
  documentCount: 1,
  createdAt: '2026-06-01T00:00:00.000Z',
  updatedAt: '2026-06-02T00:00:00.000Z',
  screening: {
    listVersion: 'v1',
    threshold: 0.7,
    screenedAt: '2026-06-01T00:00:00.000Z',
    round: 1,
    parties: [{ partyRef: 'applicant', role: 'INDIVIDUAL', name: 'Vladimir Poutin', hits: [hit] }],
  },
  assessment: {
    round: 1,
    checks: [{ checkId: 'NAME_MATCHES', outcome: 'PASS', reason: staffOnly.checkReason, documentIds: ['doc_1'] }],
    risk: {
      score: 90,
      level: 'HIGH',
      modelVersion: 'm1',
      factors: [{ factorId: 'SCREENING_HIT', points: 90, detail: staffOnly.riskFactor }],
    },
    outcome: 'REVIEW',
    reasons: [staffOnly.riskFactor],
    assessedAt: '2026-06-01T00:00:00.000Z',
  },
  reviewTaskId: staffOnly.taskId,
  decision: {
    status: 'REJECTED',
    reasons: [staffOnly.reviewerReason],
    decidedBy: { kind: 'USER', subject: staffOnly.reviewerSubject, role: 'reviewer' },
    decidedAt: '2026-06-02T00:00:00.000Z',
    taskId: staffOnly.taskId,
  },
  failure: { error: 'Lambda.Unknown', cause: staffOnly.stackTrace, at: '2026-06-01T00:00:00.000Z' },
  resubmissionToken: staffOnly.resubmissionToken,
} as unknown as KycCase;

const document = {
  documentId: 'doc_1',
  caseId: 'kyc_1',
  type: 'PASSPORT',
  status: 'UPLOADED',
  contentType: 'image/png',
  declaredSizeBytes: 10,
  sizeBytes: 10,
  objectKey: 'kyc/kyc_1/doc_1',
  createdAt: '2026-06-01T00:00:00.000Z',
  extraction: {
    documentId: 'doc_1',
    readable: true,
    fields: { mrz: { value: staffOnly.extractedValue, confidence: 1 } },
    pageCount: 1,
    extractedAt: '2026-06-01T00:00:00.000Z',
  },
} as unknown as KycDocument;

const system = { kind: 'SYSTEM' as const };
const applicant = { kind: 'USER' as const, subject: 'applicant-sub', role: 'client' };
const reviewer = { kind: 'USER' as const, subject: staffOnly.reviewerSubject, role: 'reviewer' };
const timeline: TimelineEvent[] = [
  { at: '1', type: 'CASE_SUBMITTED', actor: applicant, detail: { submission: 1, documentIds: ['doc_1'] } },
  { at: '2', type: 'SCREENING_HIT', actor: system, detail: { hits: [hit] } },
  { at: '3', type: 'RISK_SCORED', actor: system, detail: { factors: [staffOnly.riskFactor] } },
  {
    at: '4',
    type: 'STATUS_CHANGED',
    actor: system,
    detail: { from: 'PROCESSING', to: 'IN_REVIEW', reason: staffOnly.riskFactor },
  },
  { at: '5', type: 'REVIEW_TASK_OPENED', actor: system, detail: { taskId: staffOnly.taskId } },
  {
    at: '6',
    type: 'PROCESSING_FAILED',
    actor: system,
    detail: { error: 'Lambda.Unknown', cause: staffOnly.stackTrace },
  },
  {
    at: '7',
    type: 'REVIEW_DECIDED',
    actor: reviewer,
    detail: { decision: 'REJECT', reason: staffOnly.reviewerReason },
  },
  {
    at: '8',
    type: 'CASE_DECIDED',
    actor: reviewer,
    detail: {
      status: 'REJECTED',
      reasons: [staffOnly.reviewerReason],
      message: 'We cannot approve this application.',
      taskId: staffOnly.taskId,
    },
  },
];
const aggregate: CaseAggregate = { kycCase, documents: [document], timeline };

describe('the applicant view of a case', () => {
  const view = buildPartyCaseView(aggregate);
  const shown = JSON.stringify(view);

  it.each(Object.entries(staffOnly))('never shows %s', (_name, marker) => {
    // Assess
    expect(shown).not.toContain(marker);
  });

  it('has no screening, checks, risk, assessment, extraction, review task or failure', () => {
    // Assess
    for (const member of ['screening', 'checks', 'risk', 'assessment', 'reviewTaskId', 'failure']) {
      expect(view).not.toHaveProperty(member);
    }
    expect(view.documents[0]).not.toHaveProperty('extraction');
  });

  it('gives the decision as status, time and a plain-language message', () => {
    // Assess
    expect(view.decision).toEqual({
      status: 'REJECTED',
      decidedAt: '2026-06-02T00:00:00.000Z',
      message: expect.stringMatching(/cannot approve/),
    });
  });

  it('keeps the entries meant for the applicant, with staff shown as STAFF and no internal cause', () => {
    // Assess
    expect(view.timeline).toEqual([
      { at: '1', type: 'CASE_SUBMITTED', actor: { kind: 'PARTY' }, detail: { submission: 1, documentIds: ['doc_1'] } },
      { at: '4', type: 'STATUS_CHANGED', actor: { kind: 'SYSTEM' }, detail: { from: 'PROCESSING', to: 'IN_REVIEW' } },
      {
        at: '6',
        type: 'PROCESSING_FAILED',
        actor: { kind: 'SYSTEM' },
        detail: { message: expect.stringMatching(/retried/) },
      },
      {
        at: '8',
        type: 'CASE_DECIDED',
        actor: { kind: 'STAFF' },
        detail: { status: 'REJECTED', message: 'We cannot approve this application.' },
      },
    ]);
  });
});

describe('the staff view of a case', () => {
  it('shows screening, risk, checks, reviewers and the failure, but never the workflow token', () => {
    // Act
    const shown = JSON.stringify(buildCaseView(aggregate, { kind: 'STAFF' }));

    // Assess
    for (const [name, marker] of Object.entries(staffOnly)) {
      if (name !== 'resubmissionToken') expect(shown).toContain(marker);
    }
    expect(shown).not.toContain(staffOnly.resubmissionToken);
  });

  it('gives the party view to a party viewer', () => {
    // Act
    const view = buildCaseView(aggregate, { kind: 'PARTY', partyId: 'party_1' });

    // Assess
    expect(view).not.toHaveProperty('screening');
  });
});

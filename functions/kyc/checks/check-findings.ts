import type { CheckResult, DocumentRequest, KycCheckId } from '../models/case-assessment';

/** What a check found, document by document, before it is summed up into one outcome. */
export interface CheckFindings {
  /** A verdict against the documents, each a clause such as "PASSPORT doc-1 expired on 2012-04-15". */
  failures: string[];
  /** Something that could not be checked, with the document to ask the applicant for. */
  gaps: { reason: string; request: DocumentRequest }[];
  /** What was checked and held. */
  passes: string[];
  documentIds: string[];
  evidence: NonNullable<CheckResult['evidence']>;
}

/** Empty findings. */
export function startFindings(): CheckFindings {
  return { failures: [], gaps: [], passes: [], documentIds: [], evidence: {} };
}

function sentence(clauses: readonly string[]): string {
  const text = [...new Set(clauses)].join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What a check concludes when it found nothing to look at. */
export type NothingChecked =
  { outcome: 'NOT_APPLICABLE'; reason: string } | { outcome: 'INCOMPLETE'; reason: string; request: DocumentRequest };

/**
 * The outcome of a check from its findings. A failure outweighs a gap: a document that contradicts the
 * applicant needs a reviewer's eyes even if another one also has to be uploaded again (the gap is still in
 * the reason). Gaps make the check INCOMPLETE with a request each; passes alone make it PASS.
 */
export function concludeCheck(checkId: KycCheckId, findings: CheckFindings, nothing: NothingChecked): CheckResult {
  const base = {
    checkId,
    documentIds: [...new Set(findings.documentIds)],
    ...(Object.keys(findings.evidence).length ? { evidence: findings.evidence } : {}),
  };
  if (findings.failures.length) {
    const gaps = findings.gaps.map((gap) => gap.reason);
    return { ...base, outcome: 'FAIL', reason: sentence([...findings.failures, ...gaps]) };
  }
  if (findings.gaps.length) {
    const requests = new Map<string, DocumentRequest>();
    for (const { request } of findings.gaps) requests.set(`${request.requirement}\n${request.reason}`, request);
    return {
      ...base,
      outcome: 'INCOMPLETE',
      reason: sentence(findings.gaps.map((gap) => gap.reason)),
      requests: [...requests.values()],
    };
  }
  if (findings.passes.length) return { ...base, outcome: 'PASS', reason: sentence(findings.passes) };
  return nothing.outcome === 'INCOMPLETE'
    ? { ...base, outcome: 'INCOMPLETE', reason: nothing.reason, requests: [nothing.request] }
    : { ...base, outcome: 'NOT_APPLICABLE', reason: nothing.reason };
}

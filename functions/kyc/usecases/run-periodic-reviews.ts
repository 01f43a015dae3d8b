import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { queryAllPages } from '../../commons/storage/query-all-pages';
import { generateId } from '../../commons/ids';
import { isConditionalCheckFailure, isConditionFailure, transactWrite } from '../../commons/storage/transact-write';
import { systemActor } from '../../commons/timeline-actor';
import { loadKycStandingRules, type KycStandingRules } from '../../kernel/parties/models/kyc-standing';
import {
  partyProfileKey,
  periodicReviewIndexKeys,
  type PartyProfile,
  type PartyRefresh,
} from '../../kernel/parties/repositories/party-repository';
import { listRequiredDocuments, type KycCase } from '../models/kyc-case';
import { findCase, insertCase, timelinePut, type CaseStore } from '../repositories/case-repository';

/** What the periodic review run needs. */
export interface PeriodicReviewDeps {
  cases: CaseStore;
  now: () => Date;
  rules?: KycStandingRules;
}

/** What one run did. */
export interface PeriodicReviewReport {
  /** Refresh cases opened for approvals that fell due. */
  refreshCasesOpened: number;
  /** Parties whose refresh case was not submitted in time: their standing lapsed to PENDING. */
  lapsed: number;
  /** Refresh cases submitted and still being decided: looked at again tomorrow. */
  stillBeingDecided: number;
}

const dayMs = 86_400_000;
/** Statuses of a refresh case that count as submitted and not yet decided. */
const beingDecided: readonly string[] = ['PROCESSING', 'IN_REVIEW', 'INFO_REQUESTED'];

/**
 * Daily (DESIGN, "Periodic review"): every APPROVED standing whose review is due gets a refresh case, a new
 * case with the same applicant awaiting fresh documents, and `refreshSubmissionDays` to submit it. A party
 * that has not submitted it by then lapses to PENDING: its new orders are refused with 409
 * KYC_REFRESH_REQUIRED until a case of it is approved. Both steps read the periodic-review index (gsi1) up to
 * now, so the run's work grows with what falls due, and each is one conditional transaction per party: a run
 * repeated, or two at once, open one case and lapse once.
 */
export async function runPeriodicReviews(deps: PeriodicReviewDeps): Promise<PeriodicReviewReport> {
  const report: PeriodicReviewReport = { refreshCasesOpened: 0, lapsed: 0, stillBeingDecided: 0 };
  const now = deps.now().toISOString();
  for (const profile of await listDue(deps.cases, 'KYC_REVIEW_DUE', now)) {
    if (await openRefreshCase(deps, profile)) report.refreshCasesOpened += 1;
  }
  for (const profile of await listDue(deps.cases, 'KYC_REFRESH_LAPSE', now)) {
    const outcome = await lapseUnsubmittedRefresh(deps, profile);
    if (outcome === 'LAPSED') report.lapsed += 1;
    if (outcome === 'BEING_DECIDED') report.stillBeingDecided += 1;
  }
  return report;
}

type IndexedProfile = PartyProfile & { gsi1pk: string; gsi1sk: string };

async function listDue(store: CaseStore, phase: 'KYC_REVIEW_DUE' | 'KYC_REFRESH_LAPSE', now: string) {
  const items = await queryAllPages(store.db, {
    TableName: store.tableName,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :phase AND gsi1sk <= :now',
    ExpressionAttributeValues: { ':phase': phase, ':now': `${now}#\uffff` },
  });
  return items as unknown as IndexedProfile[];
}

async function openRefreshCase(deps: PeriodicReviewDeps, profile: IndexedProfile): Promise<boolean> {
  const rules = deps.rules ?? loadKycStandingRules();
  const approved = profile.kycCaseId ? await findCase(deps.cases, profile.kycCaseId) : undefined;
  const at = deps.now();
  const openedAt = at.toISOString();
  const refresh: PartyRefresh = {
    caseId: generateId('kyc'),
    openedAt,
    lapsesAt: new Date(at.getTime() + rules.refreshSubmissionDays * dayMs).toISOString(),
  };
  const lapseIndex = periodicReviewIndexKeys('KYC_REFRESH_LAPSE', refresh.lapsesAt, profile.partyId);
  // the profile moves from "review due" to "refresh open" only if it still is where this run found it; the
  // refresh case counts among its open cases, even beyond their maximum (a limit on the party's own)
  const profileUpdate = {
    Update: {
      TableName: deps.cases.tableName,
      Key: partyProfileKey(profile.partyId),
      UpdateExpression: 'SET refresh = :refresh, gsi1pk = :phase, gsi1sk = :key ADD openCases :one',
      ConditionExpression: 'gsi1pk = :due AND gsi1sk = :found AND kycStatus = :approved',
      ExpressionAttributeValues: {
        ':refresh': refresh,
        ':phase': lapseIndex.gsi1pk,
        ':key': lapseIndex.gsi1sk,
        ':due': 'KYC_REVIEW_DUE',
        ':found': profile.gsi1sk,
        ':approved': 'APPROVED',
        ':one': 1,
      },
    },
  };
  // every indexed approval was made by a case (kycOutcomeUpdate); one missing from the table is left for staff
  if (!approved || approved.partyId !== profile.partyId) return false;
  const refreshCase: KycCase = {
    caseId: refresh.caseId,
    partyId: profile.partyId,
    createdBy: approved.createdBy,
    partyType: approved.partyType,
    tier: approved.tier,
    applicant: approved.applicant,
    status: 'AWAITING_DOCUMENTS',
    requiredDocuments: listRequiredDocuments(approved.partyType, approved.tier),
    refreshOf: approved.caseId,
    documentCount: 0,
    createdAt: openedAt,
    updatedAt: openedAt,
  };
  try {
    await insertCase(
      deps.cases,
      refreshCase,
      {
        at: openedAt,
        type: 'CASE_CREATED',
        actor: systemActor,
        detail: {
          status: refreshCase.status,
          partyType: refreshCase.partyType,
          tier: refreshCase.tier,
          refreshOf: approved.caseId,
          reason: `periodic review due ${profile.reviewDueAt}; submit by ${refresh.lapsesAt}`,
        },
      },
      [profileUpdate],
    );
    return true;
  } catch (error) {
    // another run opened it, or the party changed meanwhile (decided anew, suspended)
    if (isConditionFailure(error, 0)) return false;
    throw error;
  }
}

async function lapseUnsubmittedRefresh(
  deps: PeriodicReviewDeps,
  profile: IndexedProfile,
): Promise<'LAPSED' | 'BEING_DECIDED' | 'UNCHANGED'> {
  const refresh = profile.refresh;
  if (!refresh) return 'UNCHANGED';
  const refreshCase = await findCase(deps.cases, refresh.caseId);
  const at = deps.now().toISOString();
  if (refreshCase && beingDecided.includes(refreshCase.status)) {
    // submitted in time: the decision on it decides the standing; look again tomorrow
    const later = periodicReviewIndexKeys(
      'KYC_REFRESH_LAPSE',
      new Date(deps.now().getTime() + dayMs).toISOString(),
      profile.partyId,
    );
    await moveIndex(deps.cases, profile, later);
    return 'BEING_DECIDED';
  }
  try {
    await transactWrite(deps.cases.db, `lapse:${profile.partyId}:${refresh.caseId}`, {
      TransactItems: [
        {
          Update: {
            TableName: deps.cases.tableName,
            Key: partyProfileKey(profile.partyId),
            UpdateExpression: 'SET kycStatus = :pending, refresh.lapsedAt = :at REMOVE gsi1pk, gsi1sk',
            ConditionExpression: 'gsi1pk = :phase AND gsi1sk = :found AND kycStatus = :approved',
            ExpressionAttributeValues: {
              ':pending': 'PENDING',
              ':at': at,
              ':phase': 'KYC_REFRESH_LAPSE',
              ':found': profile.gsi1sk,
              ':approved': 'APPROVED',
            },
          },
        },
        // on the refresh case's timeline, which carries the party's event (party.kyc.changed)
        timelinePut(deps.cases, refresh.caseId, {
          at,
          type: 'STANDING_LAPSED',
          actor: systemActor,
          detail: {
            partyId: profile.partyId,
            standing: 'PENDING',
            reason: `the refresh case was not submitted by ${refresh.lapsesAt}`,
          },
        }),
      ],
    });
    return 'LAPSED';
  } catch (error) {
    if (isConditionFailure(error, 0)) return 'UNCHANGED';
    throw error;
  }
}

async function moveIndex(store: CaseStore, profile: IndexedProfile, keys: { gsi1pk: string; gsi1sk: string }) {
  try {
    await store.db.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: partyProfileKey(profile.partyId),
        UpdateExpression: 'SET gsi1sk = :key',
        ConditionExpression: 'gsi1pk = :phase AND gsi1sk = :found',
        ExpressionAttributeValues: { ':key': keys.gsi1sk, ':phase': keys.gsi1pk, ':found': profile.gsi1sk },
      }),
    );
  } catch (error) {
    // decided or moved meanwhile: nothing to look at again
    if (!isConditionalCheckFailure(error)) throw error;
  }
}

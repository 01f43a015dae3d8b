import { fingerprint } from '../../commons/fingerprint';
import { notFound } from '../../commons/http/problem';
import type { TransactItem } from '../../commons/storage/transact-write';
import { draftEvent, type EventDraft } from '../../kernel/events/outbox';
import type { HoldPartyOrders, ListPartyOpenOrders } from '../../kernel/parties/party-orders';
import { readStanding } from '../../kernel/parties/models/kyc-standing';
import { findPartyProfile, partyProfileKey, type PartyStore } from '../../kernel/parties/repositories/party-repository';
import type { ReviewSubjectAdapter } from '../../kernel/review/review-subject-adapter';
import type { RecordedDecision, ReviewTask } from '../../kernel/review/review-task';
import { partyTimelinePut } from '../repositories/party-timeline-repository';
import { findScreeningAlert, screeningAlertDecisionUpdate } from '../repositories/screening-alert-repository';

/** What a party's screening alert, as the subject of a review, needs. */
export interface ScreeningAlertSubjectDeps {
  parties: PartyStore;
  /** The orders area's: the party's open orders, for the reviewer. */
  listOpenOrders: ListPartyOpenOrders;
  /** The orders area's: holds the open orders of a party just suspended. */
  holdPartyOrders: HoldPartyOrders;
}

/**
 * A party's screening alert as the subject of a SCREENING_ALERT review (DESIGN, "Ongoing monitoring"):
 * - the evidence is the alert (the party's names that resemble the entry, with their explanations, and the
 *   list version), the party's standing and its open orders;
 * - FALSE_POSITIVE is remembered on the alert with the entry's content hash;
 * - CONFIRMED_MATCH (four eyes) suspends the party in the decision's transaction, so new orders are refused
 *   (409 PARTY_SUSPENDED), and then puts its open orders on hold with their money frozen;
 * - each step goes on the party's staff timeline with its events (`screening.alert.resolved`,
 *   `party.kyc.changed`). The party is never told (no tipping-off).
 */
export function createScreeningAlertSubject(deps: ScreeningAlertSubjectDeps): ReviewSubjectAdapter {
  const readAlert = async (task: ReviewTask) => {
    const alert = task.subject.itemId
      ? await findScreeningAlert(deps.parties, task.subject.id, task.subject.itemId)
      : undefined;
    if (!alert || alert.taskId !== task.taskId) {
      throw notFound(`The screening alert of task ${task.taskId} is not on party ${task.subject.id}`);
    }
    return alert;
  };
  const timeline = (
    task: ReviewTask,
    entry: Parameters<typeof partyTimelinePut>[2],
    events: readonly EventDraft[] = [],
    step = 0,
  ) => partyTimelinePut(deps.parties, task.subject.id, entry, events, step);
  return {
    async loadEvidence(task) {
      const [alert, profile, openOrders] = await Promise.all([
        readAlert(task),
        findPartyProfile(deps.parties, task.subject.id),
        deps.listOpenOrders(task.subject.id),
      ]);
      return {
        alert: {
          entityId: alert.entityId,
          entryHash: alert.entryHash,
          listVersion: alert.listVersion,
          source: alert.source,
          openedAt: alert.openedAt,
          status: alert.status,
          matches: alert.matches,
        },
        party: {
          partyId: task.subject.id,
          standing: readStanding(profile),
          displayName: profile?.displayName ?? null,
          partyType: profile?.partyType ?? null,
          country: profile?.country ?? null,
        },
        openOrders,
      };
    },
    async describeFacts(task) {
      return { priorStanding: readStanding(await findPartyProfile(deps.parties, task.subject.id)) };
    },
    async fingerprintEvidence(task) {
      const alert = await readAlert(task);
      return fingerprint({ entryHash: alert.entryHash, matches: alert.matches.map((m) => [m.partyRef, m.hit.score]) });
    },
    decisionItems(task, decision) {
      const partyId = task.subject.id;
      const confirmed = decision.decision === 'CONFIRMED_MATCH';
      const status = confirmed ? 'CONFIRMED_MATCH' : 'FALSE_POSITIVE';
      const items: TransactItem[] = [
        screeningAlertDecisionUpdate(
          deps.parties,
          { partyId, entityId: task.subject.itemId!, taskId: task.taskId },
          status,
          decision.decidedAt,
        ),
        timeline(
          task,
          {
            at: decision.decidedAt,
            type: 'SCREENING_ALERT_RESOLVED',
            actor: { kind: 'USER', subject: decision.decidedBy.subject, role: decision.decidedBy.role },
            detail: { taskId: task.taskId, entityId: task.subject.itemId, ...describeDecision(decision) },
          },
          [
            draftEvent('screening.alert.resolved', { taskId: task.taskId, partyId, status, decision: status }),
            draftEvent('review.task.decided', {
              taskId: task.taskId,
              kind: task.kind,
              status: 'DECIDED',
              subject: { type: 'PARTY', id: partyId },
              decision: decision.decision,
            }),
          ],
          1,
        ),
      ];
      if (confirmed) {
        items.push(suspensionUpdate(deps.parties, partyId, task, decision.decidedAt));
        items.push(
          timeline(
            task,
            {
              at: decision.decidedAt,
              type: 'STANDING_CHANGED',
              actor: { kind: 'USER', subject: decision.decidedBy.subject, role: decision.decidedBy.role },
              detail: { to: 'SUSPENDED', taskId: task.taskId, entityId: task.subject.itemId },
            },
            [draftEvent('party.kyc.changed', { partyId, standing: 'SUSPENDED', tier: null })],
            2,
          ),
        );
      }
      return items;
    },
    async afterDecision(task, decision) {
      if (decision.decision !== 'CONFIRMED_MATCH') return;
      await deps.holdPartyOrders({
        partyId: task.subject.id,
        taskId: task.taskId,
        reason: `confirmed match with ${task.subject.itemId} (review task ${task.taskId})`,
      });
    },
    escalationItems(task, at) {
      return [
        timeline(task, {
          at,
          type: 'SCREENING_ALERT_ESCALATED',
          actor: { kind: 'SYSTEM' },
          detail: { taskId: task.taskId, dueAt: task.dueAt },
        }),
      ];
    },
    reviewHistoryItems(task, entry) {
      return [
        timeline(task, {
          at: entry.at,
          type: `REVIEW_${entry.action}`,
          actor: 'kind' in entry.by ? entry.by : { kind: 'USER', subject: entry.by.subject, role: entry.by.role },
          detail: {
            taskId: task.taskId,
            proposalId: entry.proposalId,
            decision: entry.decision,
            ...(entry.reason ? { reason: entry.reason } : {}),
          },
        }),
      ];
    },
  };
}

function describeDecision(decision: RecordedDecision): Record<string, unknown> {
  return {
    decision: decision.decision,
    reason: decision.reason,
    decidedBy: decision.decidedBy,
    ...(decision.approvedBy ? { approvedBy: decision.approvedBy } : {}),
  };
}

/**
 * The Update that suspends the party, for the decision's transaction. The standing before is kept for staff;
 * nothing automatic ever lifts a suspension (`stickyStandings`).
 */
function suspensionUpdate(parties: PartyStore, partyId: string, task: ReviewTask, at: string): TransactItem {
  return {
    Update: {
      TableName: parties.tableName,
      Key: partyProfileKey(partyId),
      UpdateExpression:
        'SET entity = :entity, partyId = :partyId, kycStatus = :suspended, kycDecidedAt = :at, ' +
        // a suspended party has no periodic review: only a reviewer's decision on a new case lifts it
        'suspension = :suspension REMOVE gsi1pk, gsi1sk, refresh',
      ExpressionAttributeValues: {
        ':entity': 'PARTY_PROFILE',
        ':partyId': partyId,
        ':suspended': 'SUSPENDED',
        ':at': at,
        ':suspension': { at, taskId: task.taskId, entityId: task.subject.itemId },
      },
    },
  };
}

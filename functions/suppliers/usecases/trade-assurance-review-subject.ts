import { fingerprint } from '../../commons/fingerprint';
import { badRequest, notFound } from '../../commons/http/problem';
import type { TransactItem } from '../../commons/storage/transact-write';
import {
  findPartyRecord,
  tradeAssuranceKey,
  type PartyStore,
} from '../../kernel/parties/repositories/party-repository';
import type { ReviewSubjectAdapter } from '../../kernel/review/review-subject-adapter';
import type { RecordedDecision, ReviewTask } from '../../kernel/review/review-task';
import type { TradeAssuranceRules } from '../models/trade-assurance-rules';
import { auditEntryPut } from '../repositories/audit-trail';
import { tradeAssuranceIndexKeys } from '../repositories/trade-assurance-index';
import { getSupplierProfile } from './get-supplier-profile';
import { DEFAULT_TRADE_ASSURANCE_CURRENCY, recomputeTradeAssurance } from './recompute-trade-assurance';

/** What the supplier subject of a review needs. */
export interface TradeAssuranceReviewDeps {
  parties: PartyStore;
  rules: TradeAssuranceRules;
  now: () => Date;
}

/**
 * The supplier as the subject of a TRADE_ASSURANCE_OVERRIDE review (DESIGN, "Four eyes"): an admin's
 * override of a supplier's Trade Assurance amount takes effect only once a second admin approves it.
 * - SET `amount` fixes the amount; REMOVE goes back to the rules; DISMISS closes the task with no change.
 * - The evidence is the override in force: a proposal made against another one (an override approved
 *   meanwhile) cannot be approved (EVIDENCE_CHANGED).
 * - Every step (proposed, approved, rejected, withdrawn, escalated, decided) is an append-only audit entry
 *   on the supplier's party; the amount is recomputed once the decision is stored.
 */
export function createTradeAssuranceReviewSubject(deps: TradeAssuranceReviewDeps): ReviewSubjectAdapter {
  const readOverride = async (supplierId: string) => {
    const record = await findPartyRecord(deps.parties, supplierId, deps.now().toISOString());
    return record.tradeAssurance?.override ?? null;
  };
  const audit = (task: ReviewTask, at: string, type: string, detail: Record<string, unknown>, step = 0) =>
    auditEntryPut(deps.parties, task.subject.id, { at, type, taskId: task.taskId, detail }, step);
  return {
    async loadEvidence(task) {
      return {
        supplier: await getSupplierProfile(deps, task.subject.id),
        overrideInForce: await readOverride(task.subject.id),
      };
    },
    async checkDecision(task, request) {
      if (request.decision === 'SET' && request.amount === undefined) {
        return badRequest('SET needs the new Trade Assurance amount, in minor units', [
          { pointer: '/amount', detail: 'is required for SET' },
        ]);
      }
      if (request.decision !== 'SET' && request.amount !== undefined) {
        return badRequest(`${request.decision} takes no amount`, [
          { pointer: '/amount', detail: 'is only allowed with SET' },
        ]);
      }
      const record = await findPartyRecord(deps.parties, task.subject.id, deps.now().toISOString());
      return record.profile ? undefined : notFound(`There is no supplier ${task.subject.id}`);
    },
    async describeFacts(task) {
      return { overrideInForce: (await readOverride(task.subject.id)) !== null };
    },
    async fingerprintEvidence(task) {
      return fingerprint({ overrideInForce: await readOverride(task.subject.id) });
    },
    decisionItems(task, decision) {
      const detail = describeDecision(decision);
      const recorded = audit(task, decision.decidedAt, `TRADE_ASSURANCE_${decision.decision}`, detail, 1);
      if (decision.decision === 'DISMISS') return [recorded];
      return [overrideUpdate(deps.parties, task.subject.id, decision), recorded];
    },
    async afterDecision(task, decision) {
      // the stored amount follows the override at once, so orders reserve against it
      if (decision.decision !== 'DISMISS') await recomputeTradeAssurance(deps, task.subject.id);
    },
    escalationItems(task, at) {
      return [audit(task, at, 'TRADE_ASSURANCE_REVIEW_ESCALATED', { dueAt: task.dueAt })];
    },
    reviewHistoryItems(task, entry) {
      return [
        audit(task, entry.at, `TRADE_ASSURANCE_OVERRIDE_${entry.action}`, {
          by: entry.by,
          proposalId: entry.proposalId,
          decision: entry.decision,
          ...(entry.reason ? { reason: entry.reason } : {}),
        }),
      ];
    },
  };
}

function describeDecision(decision: RecordedDecision): Record<string, unknown> {
  return {
    decision: decision.decision,
    ...(decision.amount !== undefined ? { limit: decision.amount } : {}),
    reason: decision.reason,
    decidedBy: decision.decidedBy,
    ...(decision.approvedBy ? { approvedBy: decision.approvedBy } : {}),
  };
}

/** The write that sets or removes the override on the supplier's Trade Assurance account. */
function overrideUpdate(parties: PartyStore, supplierId: string, decision: RecordedDecision): TransactItem {
  if (decision.decision === 'REMOVE') {
    return {
      Update: {
        TableName: parties.tableName,
        Key: tradeAssuranceKey(supplierId),
        UpdateExpression: 'REMOVE #override',
        // OVERRIDE is a DynamoDB reserved word
        ExpressionAttributeNames: { '#override': 'override' },
      },
    };
  }
  const override = {
    limit: decision.amount!,
    reason: decision.reason,
    setBy: decision.decidedBy.subject,
    setAt: decision.decidedAt,
    ...(decision.approvedBy ? { approvedBy: decision.approvedBy.subject } : {}),
  };
  const index = tradeAssuranceIndexKeys(supplierId);
  return {
    Update: {
      TableName: parties.tableName,
      Key: tradeAssuranceKey(supplierId),
      // the index keys too: this Update may create the item (trade-assurance-index.ts)
      UpdateExpression:
        'SET #override = :override, currency = if_not_exists(currency, :currency), ' +
        'reserved = if_not_exists(reserved, :zero), gsi1pk = :gsi1pk, gsi1sk = :gsi1sk',
      ExpressionAttributeNames: { '#override': 'override' },
      ExpressionAttributeValues: {
        ':override': override,
        ':currency': DEFAULT_TRADE_ASSURANCE_CURRENCY,
        ':zero': 0,
        ':gsi1pk': index.gsi1pk,
        ':gsi1sk': index.gsi1sk,
      },
    },
  };
}

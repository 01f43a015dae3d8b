import { isKycApproved } from '../../kernel/parties/models/kyc-standing';
import type { PartyToScreen, ScreenParty } from '../../kernel/screening/screening-query';
import { findPartyRecord, type PartyStore } from '../../kernel/parties/repositories/party-repository';
import { decideTradeOutcome, type RuleOutcome, type TradeDecision } from '../../kernel/trade-rules/rule-outcome';
import { findOrder } from '../repositories/order-repository';
import { updateOrderWithEvents } from '../repositories/order-workflow-repository';
import { OrderStateError, workflowActor, type OrderStepDeps } from './order-workflow-deps';

/** What screening the counterparties needs. */
export interface ScreenCounterpartiesDeps extends OrderStepDeps {
  parties: PartyStore;
  /** KYC's service: the parties of a KYC case (the applicant, or the company with its directors and UBOs). */
  listKycCaseParties: (kycCaseId: string) => Promise<PartyToScreen[] | undefined>;
  /** Screening's service: one search of the lists in service. */
  screenParty: ScreenParty;
}

/** Rule ids of the counterparty checks, as they appear in outcomes. */
export const counterpartyRules = {
  kyc: 'counterparty/kyc-not-approved',
  sanctions: 'counterparty/sanctions-hit',
} as const;

/**
 * Workflow step: screens buyer and supplier again, at the time of the order, against the lists in
 * service. The trade rules (embargoes, export controls, AML) ran when the order was placed; lists change
 * daily, so the parties are checked again here:
 * - a party whose KYC is no longer APPROVED blocks the order;
 * - a hit at or over the threshold on the party or any of its directors and UBOs (from its KYC case)
 *   holds it for a compliance officer.
 * The order's decision becomes the more severe of the two screenings; a retried step finds it recorded.
 */
export async function screenOrderCounterparties(
  deps: ScreenCounterpartiesDeps,
  input: { orderId: string },
): Promise<{ decision: TradeDecision }> {
  const order = await findOrder(deps.orders, input.orderId);
  if (!order) throw new OrderStateError(`There is no order ${input.orderId}`);
  if (order.compliance.counterparties) return { decision: order.compliance.decision };

  const at = deps.now().toISOString();
  const screened = await Promise.all([
    screenCounterparty(deps, 'BUYER', order.buyerPartyId, at),
    screenCounterparty(deps, 'SUPPLIER', order.supplierPartyId, at),
  ]);
  const outcomes = screened.flatMap((party) => party.outcomes);
  const counterpartyDecision = decideTradeOutcome(outcomes);
  const decision = decideTradeOutcome([
    ...order.compliance.outcomes,
    ...outcomes,
    { ...passOutcome, action: order.compliance.decision },
  ]);
  const listVersion = screened.find((party) => party.listVersion)?.listVersion ?? 'none';
  // a held order goes to the supplier only once cleared, with its days to confirm from then
  const held = decision === 'HOLD' && order.status === 'AWAITING_SUPPLIER_CONFIRMATION';
  const status = held ? 'COMPLIANCE_HOLD' : order.status;
  const recorded = await updateOrderWithEvents(
    deps.orders,
    order.orderId,
    {
      set: {
        compliance: {
          ...order.compliance,
          decision,
          counterparties: { decision: counterpartyDecision, outcomes, screenedAt: at, listVersion },
        },
        status,
        updatedAt: at,
      },
      ...(held ? { remove: ['confirmBy'] } : {}),
      condition: 'attribute_not_exists(#compliance.#counterparties)',
    },
    [
      {
        at,
        type: 'COUNTERPARTIES_SCREENED',
        actor: workflowActor,
        // the parties read the timeline: which party matched stays in the compliance record, for staff
        detail: { decision: counterpartyDecision, listVersion },
      },
      ...(status !== order.status
        ? [{ at, type: 'STATUS_CHANGED', actor: workflowActor, detail: { from: order.status, to: status } }]
        : []),
    ],
    `screen-counterparties:${order.orderId}`,
  );
  if (!recorded) return screenOrderCounterparties(deps, input);
  return { decision };
}

const passOutcome: RuleOutcome = {
  ruleId: 'order/trade-rules',
  ruleSetVersion: 'order',
  action: 'PASS',
  reason: 'The trade rules at order time',
  evidence: {},
};

async function screenCounterparty(
  deps: ScreenCounterpartiesDeps,
  role: 'BUYER' | 'SUPPLIER',
  partyId: string,
  at: string,
): Promise<{ outcomes: RuleOutcome[]; listVersion?: string }> {
  const { profile } = await findPartyRecord(deps.parties, partyId, at);
  if (!isKycApproved(profile)) {
    return {
      outcomes: [
        {
          ruleId: counterpartyRules.kyc,
          ruleSetVersion: 'kyc',
          action: 'BLOCK',
          reason: `The ${role.toLowerCase()}'s KYC is ${profile?.kycStatus ?? 'missing'}, not APPROVED`,
          evidence: { role, partyId, kycStatus: profile?.kycStatus ?? null },
        },
      ],
    };
  }
  const parties = profile?.kycCaseId ? await deps.listKycCaseParties(profile.kycCaseId) : undefined;
  // a party approved without a case on file (the demo seed) has no names to screen again
  if (!parties) return { outcomes: [] };
  const results = await Promise.all(parties.map((party) => deps.screenParty(party.query)));
  const outcomes = parties.flatMap((party, i): RuleOutcome[] => {
    const result = results[i]!;
    if (result.hits.length === 0) return [];
    const best = result.hits[0]!;
    return [
      {
        ruleId: counterpartyRules.sanctions,
        ruleSetVersion: result.listVersion,
        action: 'HOLD',
        reason: `The ${role.toLowerCase()}'s ${party.role.toLowerCase()} matches a listed entry (score ${best.score})`,
        evidence: {
          role,
          partyId,
          partyRef: party.partyRef,
          hits: result.hits.map((hit) => ({
            entityId: hit.entityId,
            matchedName: hit.matchedName,
            score: hit.score,
            lists: hit.lists,
          })),
        },
      },
    ];
  });
  return { outcomes, listVersion: results[0]?.listVersion };
}

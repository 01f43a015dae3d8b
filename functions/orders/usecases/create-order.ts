import { isKycApproved, readStanding } from '../../kernel/parties/models/kyc-standing';
import { assessStepUp } from '../../kernel/parties/models/kyc-step-up';
import type { Principal } from '../../commons/http/principal';
import { forbidden } from '../../commons/http/problem';
import { generateId } from '../../commons/ids';
import { findPartyRecord, type PartyStore } from '../../kernel/parties/repositories/party-repository';
import { loadRuleSets, type RuleSets } from '../../kernel/trade-rules/load-rule-sets';
import type { TradeRulesResult } from '../../kernel/trade-rules/evaluate-trade-rules';
import {
  orderTotal,
  type CreatedOrder,
  type CreateOrderRequest,
  type Order,
  type OrderTimelineEvent,
} from '../models/order';
import {
  assessOrderEligibility,
  complianceRefusal,
  coveredAmountOf,
  orderRefusal,
  reservationRefusal,
  screenOrder,
} from '../models/order-rules';
import { giveBackWindowPlace, pruneWindow, takeWindowPlace } from '../repositories/buyer-order-window';
import { loadTradeAssurancePolicy } from '../models/trade-assurance-policy';
import { insertOrder, listBuyerOrderAmounts, type OrderStore } from '../repositories/order-repository';

/** What placing an order needs. */
export interface CreateOrderDeps {
  orders: OrderStore;
  parties: PartyStore;
  now: () => Date;
  ruleSets?: RuleSets;
  /** Starts the order's assured-order workflow (idempotent per order). */
  startWorkflow: (orderId: string) => Promise<void>;
}

/**
 * How far back the buyer's orders are read: the AML velocity and structuring rules look at their own
 * windows of days, the KYC step-up at 12 months.
 */
const buyerHistoryDays = 365;

/**
 * Places an assured order for the caller's party (the buyer):
 * 1. eligibility: a verified buyer, not the buyer's own party, a known and verified supplier, a ship-by date after today,
 *    the supplier's Trade Assurance currency, a qualified supplier;
 *    and the supplier's available amount as it stands now (binding only when the supplier confirms);
 * 2. compliance: the trade rules (embargoes, export controls, AML). A BLOCK refuses the order with every
 *    blocking rule; a HOLD creates it in COMPLIANCE_HOLD, otherwise it awaits the supplier's confirmation
 *    until `confirmBy`. The AML velocity and structuring rules judge it on the orders placed before it in
 *    the buyer's window (`buyer-order-window.ts`);
 * 3. the order and its first timeline entry in one transaction (an order refused here gives its place in
 *    the window back). Nothing is reserved: the supplier's confirmation reserves the coverage;
 * 4. its assured-order workflow, which screens the counterparties again and takes it from there.
 * @throws ProblemError 422/409 with a `code` for each refusal (see `orderRefusalStatus`)
 */
export async function createOrder(
  deps: CreateOrderDeps,
  principal: Principal,
  request: CreateOrderRequest,
): Promise<CreatedOrder> {
  const buyerPartyId = principal.partyId;
  if (!buyerPartyId) throw forbidden('Only a client acting for a party can place an order');
  const now = deps.now();
  const createdAt = now.toISOString();
  const historySince = new Date(now.getTime() - buyerHistoryDays * 86_400_000).toISOString();
  const [supplier, buyer, buyerHistory] = await Promise.all([
    findPartyRecord(deps.parties, request.supplierId, createdAt),
    findPartyRecord(deps.parties, buyerPartyId, createdAt),
    listBuyerOrderAmounts(deps.orders, buyerPartyId, historySince),
  ]);
  const ineligible = assessOrderEligibility({
    request,
    buyerPartyId,
    buyerKycApproved: isKycApproved(buyer.profile),
    buyerStanding: readStanding(buyer.profile),
    buyerLapsedRefreshCaseId: buyer.profile?.refresh?.lapsedAt ? buyer.profile.refresh.caseId : undefined,
    supplier: {
      exists: supplier.profile !== undefined,
      kycApproved: isKycApproved(supplier.profile),
      standing: readStanding(supplier.profile),
      lapsedRefreshCaseId: supplier.profile?.refresh?.lapsedAt ? supplier.profile.refresh.caseId : undefined,
      account: supplier.tradeAssurance,
    },
    now,
  });
  if (ineligible) throw ineligible;
  const coveredAmount = coveredAmountOf(request);
  // not binding (the supplier's confirmation is): an order the supplier could not confirm now is refused early
  const account = supplier.tradeAssurance;
  if (account && Math.max(0, account.available ?? account.limit! - account.reserved) < coveredAmount) {
    throw reservationRefusal(request.supplierId, account, coveredAmount, request.currency);
  }
  const stepUp = assessStepUp({
    tier: buyer.profile?.tier ?? 'STANDARD',
    order: { amount: orderTotal(request.items), currency: request.currency },
    pastYear: buyerHistory,
  });
  if (stepUp) {
    throw orderRefusal(
      'KYC_STEP_UP_REQUIRED',
      `The buyer's KYC is at tier STANDARD, and ${stepUp.reason}. Upgrade the approved case with ` +
        `POST /kyc/cases/${buyer.profile?.kycCaseId?.startsWith('kyc_') ? buyer.profile.kycCaseId : '{caseId}'}/upgrade ` +
        `and upload ${stepUp.requiredDocuments.join(', ')}`,
      {
        requiredTier: stepUp.requiredTier,
        requiredDocuments: stepUp.requiredDocuments,
        // a seeded demo party has no case on file to upgrade
        ...(buyer.profile?.kycCaseId?.startsWith('kyc_') ? { upgradeCaseId: buyer.profile.kycCaseId } : {}),
      },
    );
  }

  const orderId = generateId('order');
  const ruleSets = deps.ruleSets ?? loadRuleSets();
  // the order takes its place in the buyer's window first: the AML rules judge it on the orders placed
  // before it, so the buyer's concurrent orders are counted one after another
  const placedBefore = await takeWindowPlace(deps.orders, buyerPartyId, {
    orderId,
    amount: orderTotal(request.items),
    currency: request.currency,
    createdAt,
  });
  let order: Order;
  try {
    const screening = screenOrder({
      orderId,
      request,
      createdAt,
      buyerCountry: buyer.profile?.country,
      supplierCountry: supplier.profile?.country,
      buyerHistory: placedBefore,
      ruleSets,
    });
    const blocked = complianceRefusal(screening);
    if (blocked) throw blocked;
    order = buildOrder({ orderId, buyerPartyId, principal, request, coveredAmount, screening, createdAt });
    await insertOrder(deps.orders, order, orderCreatedEvent(order, principal));
  } catch (error) {
    // an order that was not placed does not count towards the buyer's velocity
    await giveBackWindowPlace(deps.orders, buyerPartyId, orderId);
    throw error;
  }
  await pruneWindow(deps.orders, buyerPartyId, new Date(createdAt), amlWindowMs(ruleSets));
  await deps.startWorkflow(orderId);
  return {
    orderId,
    status: order.status as CreatedOrder['status'],
    coveredAmount,
    currency: order.currency,
    ...(order.confirmBy ? { confirmBy: order.confirmBy } : {}),
  };
}

/** How long the buyer's order window keeps an order: the longest window of the AML rules. */
function amlWindowMs(ruleSets: RuleSets): number {
  const { velocity, structuring } = ruleSets.aml;
  return Math.max(velocity.windowHours * 3_600_000, structuring.windowDays * 86_400_000);
}

/** The order as stored, from the request and its screening. */
function buildOrder(input: {
  orderId: string;
  buyerPartyId: string;
  principal: Principal;
  request: CreateOrderRequest;
  coveredAmount: number;
  screening: TradeRulesResult;
  createdAt: string;
}): Order {
  const { request, screening, createdAt, coveredAmount } = input;
  const held = screening.decision === 'HOLD';
  // a held order's supplier has its days to confirm from when the hold is cleared (the workflow sets them)
  const confirmDays = loadTradeAssurancePolicy().periods.supplierConfirmationDays;
  return {
    orderId: input.orderId,
    buyerPartyId: input.buyerPartyId,
    supplierPartyId: request.supplierId,
    createdBy: input.principal.subject,
    items: request.items,
    currency: request.currency,
    totalAmount: orderTotal(request.items),
    coverage: request.coverage,
    ...(request.depositAmount !== undefined ? { depositAmount: request.depositAmount } : {}),
    coveredAmount,
    shipBy: request.shipBy,
    destination: {
      country: request.destinationCountry,
      ...(request.destinationRegion ? { region: request.destinationRegion } : {}),
    },
    qualitySpec: request.qualitySpec,
    qualityProtection: request.qualityProtection,
    status: held ? 'COMPLIANCE_HOLD' : 'AWAITING_SUPPLIER_CONFIRMATION',
    ...(held ? {} : { confirmBy: new Date(Date.parse(createdAt) + confirmDays * 86_400_000).toISOString() }),
    compliance: {
      decision: screening.decision,
      outcomes: screening.outcomes.filter((outcome) => outcome.action !== 'PASS'),
      screenedAt: createdAt,
    },
    createdAt,
    updatedAt: createdAt,
  };
}

/** The order's first timeline entry. */
function orderCreatedEvent(order: Order, principal: Principal): OrderTimelineEvent {
  return {
    at: order.createdAt,
    type: 'ORDER_CREATED',
    actor: { type: 'USER', id: principal.subject },
    detail: {
      status: order.status,
      coveredAmount: order.coveredAmount,
      currency: order.currency,
      complianceDecision: order.compliance.decision,
      ...(order.confirmBy ? { confirmBy: order.confirmBy } : {}),
      ...(order.status === 'COMPLIANCE_HOLD'
        ? { heldBy: order.compliance.outcomes.filter((o) => o.action === 'HOLD').map((o) => o.ruleId) }
        : {}),
    },
  };
}

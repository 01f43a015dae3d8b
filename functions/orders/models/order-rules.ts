import { DomainRefusal, type ProblemExtensions, type RefusalKind } from '../../commons/domain-refusal';
import { formatMinorUnits } from '../../commons/money';
import { evaluateTradeRules, type TradeRulesResult } from '../../kernel/trade-rules/evaluate-trade-rules';
import type { RuleSets } from '../../kernel/trade-rules/load-rule-sets';
import type { RuleOutcome } from '../../kernel/trade-rules/rule-outcome';
import type { OrderAmount } from '../../kernel/trade-rules/trade-order';
import type { TradeAssuranceAccount } from '../../kernel/parties/models/trade-assurance-account';
import { orderTotal, type CreateOrderRequest } from './order';
import { loadTradeAssurancePolicy } from './trade-assurance-policy';

/**
 * Why `POST /orders` refuses an order, and the kind of refusal (HTTP maps it to a status):
 * - UNPROCESSABLE (422): the order as written can never be accepted (unknown supplier, the buyer's own
 *   party, a ship-by date not in the future, the wrong currency, a compliance block);
 * - CONFLICT (409): the buyer's or the supplier's current standing refuses it (buyer or supplier not
 *   verified, supplier not qualified, not enough available coverage); the same order may succeed later.
 */
export const orderRefusalKind = {
  UNKNOWN_SUPPLIER: 'UNPROCESSABLE',
  OWN_PARTY: 'UNPROCESSABLE',
  SHIP_BY_NOT_IN_FUTURE: 'UNPROCESSABLE',
  SHIP_BY_TOO_FAR: 'INVALID',
  CURRENCY_MISMATCH: 'UNPROCESSABLE',
  COMPLIANCE_BLOCKED: 'UNPROCESSABLE',
  BUYER_NOT_VERIFIED: 'CONFLICT',
  PARTY_SUSPENDED: 'CONFLICT',
  KYC_REFRESH_REQUIRED: 'CONFLICT',
  KYC_STEP_UP_REQUIRED: 'CONFLICT',
  SUPPLIER_NOT_VERIFIED: 'CONFLICT',
  SUPPLIER_NOT_ENROLLED: 'CONFLICT',
  SUPPLIER_NOT_QUALIFIED: 'CONFLICT',
  COVERAGE_EXCEEDS_AVAILABLE: 'CONFLICT',
} as const satisfies Record<string, RefusalKind>;

/** A reason for refusing an order. */
export type OrderRefusalCode = keyof typeof orderRefusalKind;

/** The refusal of an order; `code` in the problem body names it for programs. */
export function orderRefusal(
  code: OrderRefusalCode,
  detail: string,
  extensions: ProblemExtensions = {},
): DomainRefusal {
  return new DomainRefusal(orderRefusalKind[code], detail, { code, ...extensions });
}

/** The amount the order's Trade Assurance covers: the deposit, or the whole order. */
export function coveredAmountOf(request: Pick<CreateOrderRequest, 'coverage' | 'depositAmount' | 'items'>): number {
  return request.coverage === 'DEPOSIT' ? (request.depositAmount ?? 0) : orderTotal(request.items);
}

/** What the eligibility rules know about the supplier. */
export interface SupplierStanding {
  /** False when no party profile exists. */
  exists: boolean;
  kycApproved: boolean;
  /** Its standing (NONE, PENDING, APPROVED, REJECTED, SUSPENDED), when known. */
  standing?: string;
  /** The refresh case of its lapsed periodic review, when its standing lapsed to PENDING. */
  lapsedRefreshCaseId?: string;
  /** The stored account; undefined when Trade Assurance was never computed for the supplier. */
  account?: TradeAssuranceAccount;
}

/**
 * The first reason, in a fixed order, why the order cannot be placed before compliance and the
 * reservation are tried; undefined when none. Pure.
 * @param today the business clock's current time; `shipBy` must be a later UTC day
 */
export function assessOrderEligibility(input: {
  request: CreateOrderRequest;
  buyerPartyId: string;
  /** Whether the buyer's KYC is APPROVED; undefined is taken as approved (callers that do not know). */
  buyerKycApproved?: boolean;
  /** The buyer's standing, when known: a SUSPENDED buyer is refused as such. */
  buyerStanding?: string;
  /** The refresh case of the buyer's lapsed periodic review, when its standing lapsed to PENDING. */
  buyerLapsedRefreshCaseId?: string;
  supplier: SupplierStanding;
  now: Date;
}): DomainRefusal | undefined {
  const { request, supplier } = input;
  // a confirmed sanctions match stops all new trade with the party, whichever side it is on
  if (input.buyerStanding === 'SUSPENDED') {
    return orderRefusal(
      'PARTY_SUSPENDED',
      `The buyer ${input.buyerPartyId} is suspended: it cannot place orders until the suspension is lifted`,
      { partyId: input.buyerPartyId },
    );
  }
  if (supplier.standing === 'SUSPENDED' && request.supplierId !== input.buyerPartyId) {
    return orderRefusal(
      'PARTY_SUSPENDED',
      `Supplier ${request.supplierId} is suspended: it cannot take orders until the suspension is lifted`,
      { partyId: request.supplierId, errors: [{ pointer: '/supplierId', detail: 'names a suspended party' }] },
    );
  }
  // a lapsed periodic review: the standing is PENDING until the refresh case is submitted and approved
  if (input.buyerStanding === 'PENDING' && input.buyerLapsedRefreshCaseId) {
    return orderRefusal(
      'KYC_REFRESH_REQUIRED',
      `The buyer ${input.buyerPartyId}'s periodic KYC review lapsed: submit case ${input.buyerLapsedRefreshCaseId} ` +
        'to place orders again',
      { partyId: input.buyerPartyId, refreshCaseId: input.buyerLapsedRefreshCaseId },
    );
  }
  if (supplier.standing === 'PENDING' && supplier.lapsedRefreshCaseId && request.supplierId !== input.buyerPartyId) {
    return orderRefusal(
      'KYC_REFRESH_REQUIRED',
      `Supplier ${request.supplierId}'s periodic KYC review lapsed: it takes no orders until it is renewed`,
      { partyId: request.supplierId },
    );
  }
  if (input.buyerKycApproved === false) {
    return orderRefusal(
      'BUYER_NOT_VERIFIED',
      `The buyer ${input.buyerPartyId} is not verified: its KYC must be APPROVED to place an assured order`,
    );
  }
  if (request.supplierId === input.buyerPartyId) {
    return orderRefusal('OWN_PARTY', 'A party cannot place an assured order with itself', {
      errors: [{ pointer: '/supplierId', detail: "is the buyer's own party" }],
    });
  }
  if (!supplier.exists) {
    return orderRefusal('UNKNOWN_SUPPLIER', `There is no supplier ${request.supplierId}`, {
      errors: [{ pointer: '/supplierId', detail: 'names no known party' }],
    });
  }
  const today = input.now.toISOString().slice(0, 10);
  if (request.shipBy <= today) {
    return orderRefusal('SHIP_BY_NOT_IN_FUTURE', `shipBy ${request.shipBy} must be after today (${today}, UTC)`, {
      errors: [{ pointer: '/shipBy', detail: `must be after ${today}` }],
    });
  }
  // the date becomes the workflow's timer, and a Standard execution lasts at most a year: a date in 2099
  // would end it with an error and leave the escrow held (DESIGN, "Timers are policy")
  const maxDays = loadTradeAssurancePolicy().periods.shipByMaxDaysAhead;
  const latest = new Date(input.now.getTime() + maxDays * 86_400_000).toISOString().slice(0, 10);
  if (request.shipBy > latest) {
    return orderRefusal(
      'SHIP_BY_TOO_FAR',
      `shipBy ${request.shipBy} is more than ${maxDays} days ahead; the latest is ${latest}`,
      { errors: [{ pointer: '/shipBy', detail: `must be at most ${latest}` }] },
    );
  }
  if (!supplier.kycApproved) {
    return orderRefusal('SUPPLIER_NOT_VERIFIED', `Supplier ${request.supplierId} is not verified (KYC not approved)`);
  }
  const account = supplier.account;
  if (account?.enrolled !== true) {
    return orderRefusal(
      'SUPPLIER_NOT_ENROLLED',
      `Supplier ${request.supplierId} does not take part in Trade Assurance: it has not enrolled`,
    );
  }
  if (account.currency !== request.currency) {
    return orderRefusal(
      'CURRENCY_MISMATCH',
      `The order is in ${request.currency} but supplier ${request.supplierId}'s Trade Assurance is in ${account.currency}`,
      { errors: [{ pointer: '/currency', detail: `must be ${account.currency}` }], expectedCurrency: account.currency },
    );
  }
  if (account.qualified !== true || account.limit === undefined) {
    return orderRefusal(
      'SUPPLIER_NOT_QUALIFIED',
      `Supplier ${request.supplierId} does not qualify for Trade Assurance` +
        (account?.reasons?.length ? `: ${account.reasons.join('; ')}` : ''),
    );
  }
  return undefined;
}

/** The refusal for a reservation whose condition failed, from the account as read afterwards. */
export function reservationRefusal(
  supplierId: string,
  account: TradeAssuranceAccount | undefined,
  amount: number,
  currency: string,
): DomainRefusal {
  if (account && account.enrolled !== true) {
    return orderRefusal('SUPPLIER_NOT_ENROLLED', `Supplier ${supplierId} left Trade Assurance`);
  }
  if (!account || account.qualified !== true || account.limit === undefined) {
    return orderRefusal('SUPPLIER_NOT_QUALIFIED', `Supplier ${supplierId} does not qualify for Trade Assurance`);
  }
  if (account.currency !== currency) {
    return orderRefusal(
      'CURRENCY_MISMATCH',
      `The order is in ${currency} but supplier ${supplierId}'s Trade Assurance is in ${account.currency}`,
      { errors: [{ pointer: '/currency', detail: `must be ${account.currency}` }], expectedCurrency: account.currency },
    );
  }
  const available = Math.max(0, account.available ?? account.limit - account.reserved);
  return orderRefusal(
    'COVERAGE_EXCEEDS_AVAILABLE',
    `The coverage of ${formatMinorUnits(amount, currency)} exceeds the ${formatMinorUnits(available, currency)} ` +
      `of Trade Assurance available from supplier ${supplierId}`,
    { requestedCoverage: amount, available, currency },
  );
}

/** What screening an order needs besides the request. */
export interface OrderScreeningInput {
  orderId: string;
  request: CreateOrderRequest;
  createdAt: string;
  /** Undefined when the party has no recorded country: the order is then held for review. */
  buyerCountry?: string;
  supplierCountry?: string;
  buyerHistory: readonly OrderAmount[];
  ruleSets?: RuleSets;
}

/**
 * Runs the trade rules (embargoes, export controls, AML) on the order. A party without a recorded
 * country cannot be checked against embargoes: the destination stands in for it and the order is held.
 */
export function screenOrder(input: OrderScreeningInput): TradeRulesResult {
  const { request } = input;
  const result = evaluateTradeRules(
    {
      orderId: input.orderId,
      amount: orderTotal(request.items),
      currency: request.currency,
      createdAt: input.createdAt,
      buyerCountry: input.buyerCountry ?? request.destinationCountry,
      supplierCountry: input.supplierCountry ?? request.destinationCountry,
      destination: {
        country: request.destinationCountry,
        ...(request.destinationRegion ? { region: request.destinationRegion } : {}),
      },
      items: request.items.map((item) => ({ hsCode: item.hsCode, description: item.description })),
    },
    { buyerHistory: input.buyerHistory },
    input.ruleSets,
  );
  const unknown = (
    [
      ['buyer', input.buyerCountry],
      ['supplier', input.supplierCountry],
    ] as const
  ).filter(([, country]) => country === undefined);
  if (unknown.length === 0) return result;
  const extra: RuleOutcome[] = unknown.map(([party]) => ({
    ruleId: `order/${party}-country-unknown`,
    ruleSetVersion: 'order',
    action: 'HOLD',
    reason: `The ${party}'s country is not recorded, so embargoes on it could not be checked`,
    evidence: { party },
  }));
  return { decision: result.decision === 'BLOCK' ? 'BLOCK' : 'HOLD', outcomes: [...result.outcomes, ...extra] };
}

/** The 422 for a compliance block, listing every blocking rule with its reason. */
export function complianceRefusal(result: TradeRulesResult): DomainRefusal | undefined {
  if (result.decision !== 'BLOCK') return undefined;
  const blocking = result.outcomes.filter((outcome) => outcome.action === 'BLOCK');
  return orderRefusal(
    'COMPLIANCE_BLOCKED',
    `Compliance blocks the order: ${blocking.map((o) => `${o.ruleId}: ${o.reason}`).join('; ')}`,
    { rules: blocking.map((o) => ({ ruleId: o.ruleId, ruleSetVersion: o.ruleSetVersion, reason: o.reason })) },
  );
}

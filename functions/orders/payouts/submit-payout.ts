import type { OrderPayout } from '../models/order';
import type { OrderStore } from '../repositories/order-repository';
import {
  isFinalPayoutStatus,
  recordPayoutInstruction,
  recordPayoutReceipt,
  type PayoutInstruction,
} from '../repositories/payout-repository';
import type { PayoutProvider, PayoutRequest } from './payout-provider';

/** What {@link submitPayout} needs. */
export interface SubmitPayoutDeps {
  orders: OrderStore;
  provider: PayoutProvider;
  /** Business time. */
  now: () => Date;
}

function toOrderPayout(instruction: PayoutInstruction, provider: string, providerPayoutId: string): OrderPayout {
  const payout: OrderPayout = {
    movementKey: instruction.idempotencyKey,
    beneficiary: instruction.beneficiary.role,
    partyId: instruction.beneficiary.partyId,
    amount: instruction.amount,
    currency: instruction.currency,
    provider: instruction.provider ?? provider,
    providerPayoutId: instruction.providerPayoutId ?? providerPayoutId,
    // REQUESTED cannot come back after a receipt; anything not final is waiting for the provider
    status: isFinalPayoutStatus(instruction.status) ? instruction.status : 'PENDING',
    requestedAt: instruction.requestedAt,
  };
  if (instruction.confirmedAt && isFinalPayoutStatus(instruction.status)) payout.confirmedAt = instruction.confirmedAt;
  if (instruction.failureReason) payout.failureReason = instruction.failureReason;
  return payout;
}

/**
 * Pays out one ledger movement: records the instruction and its `PayoutRequested` finance event
 * (idempotent on the key), asks the provider (idempotent on the same key), records its answer, and
 * returns the payout to store on `order.settlement.payouts`.
 *
 * Safe to run again for the same request (a retried workflow task): no second instruction, no second
 * finance event, one payout at the provider. The status returned is the instruction's as stored after
 * the answer, so a confirmation webhook that came before the answer is not lost: the payout comes back
 * PAID (or FAILED) rather than PENDING. A payout already confirmed is not sent to the provider again.
 * @throws the provider's errors (`PayoutProviderUnavailable`: retry; `PayoutRejected`,
 *   `PayoutIdempotencyConflict`: do not), `PayoutInstructionMismatch` for a key reused with other values
 */
export async function submitPayout(deps: SubmitPayoutDeps, request: PayoutRequest): Promise<OrderPayout> {
  const { instruction } = await recordPayoutInstruction(deps.orders, {
    request,
    requestedAt: deps.now().toISOString(),
  });
  if (isFinalPayoutStatus(instruction.status) && instruction.providerPayoutId && instruction.provider) {
    return toOrderPayout(instruction, instruction.provider, instruction.providerPayoutId);
  }
  const receipt = await deps.provider.submitPayout(request);
  const stored = await recordPayoutReceipt(
    deps.orders,
    request.orderId,
    request.idempotencyKey,
    receipt,
    deps.now().toISOString(),
  );
  return toOrderPayout(stored, receipt.provider, receipt.providerPayoutId);
}

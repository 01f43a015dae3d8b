import * as z from 'zod';
import { formatMinorUnits } from '../../commons/money';

/*
 * The escrow ledger of an assured order, as plain values. Money is an integer number of minor units
 * (cents, fen) with its ISO 4217 currency, so no amount is ever a float. Every movement moves money
 * between two accounts and is written as two entries: a credit to the account the money leaves and a
 * debit to the account it reaches. Entry amounts are signed (debit positive, credit negative), so the
 * entries of a movement sum to zero and the entries of an account sum to what it holds.
 */

/** The kinds of movement, each between the order's escrow account and one party. */
export const movementKinds = ['PAYMENT', 'REFUND', 'RELEASE', 'OVERPAYMENT', 'OVERPAYMENT_REFUND'] as const;

/**
 * PAYMENT: buyer → escrow; REFUND: escrow → buyer; RELEASE: escrow → supplier. OVERPAYMENT: buyer →
 * escrow, a payment beyond what the order owes (a second charge); OVERPAYMENT_REFUND: escrow → buyer, that
 * money given back. Overpayments are kept apart from the order's money, so no refund limit, settlement or
 * release of the order can touch them, and they are never refunded beyond what came in.
 */
export type MovementKind = (typeof movementKinds)[number];

/** The movements that bring money into escrow. */
export function isMoneyIn(kind: MovementKind): boolean {
  return kind === 'PAYMENT' || kind === 'OVERPAYMENT';
}

/** An account of the ledger: a party's account or the escrow account of one order. */
export type LedgerAccount = `BUYER:${string}` | `ESCROW:${string}` | `SUPPLIER:${string}`;

/** The buyer's account. */
export function buyerAccount(partyId: string): LedgerAccount {
  return `BUYER:${partyId}`;
}

/** The escrow account of one order. */
export function escrowAccount(orderId: string): LedgerAccount {
  return `ESCROW:${orderId}`;
}

/** The supplier's account. */
export function supplierAccount(partyId: string): LedgerAccount {
  return `SUPPLIER:${partyId}`;
}

/**
 * The idempotency key of a movement, derived from the order and the workflow step that causes it, such as
 * `order_1:refund:ship-by-missed`. A step that can run twice (a retried Lambda, a duplicate webhook, a
 * replayed execution) derives the same key, so the ledger records its movement once.
 */
export function movementKey(orderId: string, step: string): string {
  if (!orderId || !step) throw new Error('movementKey needs an order id and a step');
  return `${orderId}:${step}`;
}

const identifier = z.string().trim().min(1).max(200);

/** What a caller provides to record a movement; the accounts and entries follow from it. */
export const movementInputSchema = z
  .object({
    orderId: identifier,
    kind: z.enum(movementKinds),
    /** The buyer for PAYMENT, REFUND and the overpayments, the supplier for RELEASE. */
    partyId: identifier,
    amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code, such as USD or EUR'),
    idempotencyKey: identifier,
    reason: z.string().trim().min(1).max(500),
    /** The outside event that caused it (`<partnerId>/<eventId>` of a payment webhook), when one did. */
    source: identifier.optional(),
    at: z.iso.datetime(),
  })
  .strict()
  .refine((input) => input.idempotencyKey.startsWith(`${input.orderId}:`), {
    message: 'must be derived from the order with movementKey(orderId, step)',
    path: ['idempotencyKey'],
  });

/** What a caller provides to record a movement. */
export type MovementInput = z.infer<typeof movementInputSchema>;

/** One recorded movement of money. */
export interface LedgerMovement {
  orderId: string;
  kind: MovementKind;
  /** Minor units, always positive; the direction comes from `from` and `to`. */
  amount: number;
  currency: string;
  idempotencyKey: string;
  reason: string;
  /** The outside event that caused it (`<partnerId>/<eventId>` of a payment webhook), when one did. */
  source?: string;
  at: string;
  /** The account credited (the money leaves it). */
  from: LedgerAccount;
  /** The account debited (the money reaches it). */
  to: LedgerAccount;
}

/** One side of a movement. */
export interface LedgerEntry {
  orderId: string;
  idempotencyKey: string;
  account: LedgerAccount;
  side: 'DEBIT' | 'CREDIT';
  /** Signed minor units: positive for a debit, negative for a credit. */
  amount: number;
  currency: string;
  at: string;
}

/** A movement with the two entries that record it. */
export interface MovementRecord {
  movement: LedgerMovement;
  entries: [LedgerEntry, LedgerEntry];
}

/** What the escrow account of an order holds, kept on one item so that conditions can guard it. */
export interface EscrowBalance {
  orderId: string;
  currency: string;
  /** Total paid into escrow. */
  paid: number;
  /** Total refunded to the buyer. */
  refunded: number;
  /** Total released to the supplier. */
  released: number;
  /**
   * `paid - refunded - released`, stored because DynamoDB conditions cannot do arithmetic: the
   * condition `held >= :amount` is how "nothing leaves escrow beyond what is in it" is enforced.
   */
  held: number;
  /** Total overpaid into escrow (OVERPAYMENT); absent until the first overpayment. */
  overpaid?: number;
  /** Total of the overpayments given back (OVERPAYMENT_REFUND). */
  overpaymentRefunded?: number;
  /**
   * `overpaid - overpaymentRefunded`: what escrow holds beyond the order's money, stored for the same reason
   * as `held`. Escrow as a whole holds `held + overpaymentHeld`.
   */
  overpaymentHeld?: number;
  /**
   * Set while the escrow is FROZEN (DESIGN, "Held money is frozen, not returned"): no refund or release
   * leaves it until a four-eyes decision removes the mark. A payment may still come in.
   */
  frozen?: EscrowFreeze;
}

/** Why an order's escrow is frozen, as the balance item records it. */
export interface EscrowFreeze {
  since: string;
  reason: string;
}

/** Why a movement was refused; nothing was written. */
export interface LedgerRefusal {
  refused:
    | 'EXCEEDS_ESCROW'
    | 'EXCEEDS_REFUND_LIMIT'
    | 'EXCEEDS_OVERPAYMENT'
    | 'CURRENCY_MISMATCH'
    | 'ORDER_NOT_PAYABLE'
    | 'ESCROW_FROZEN';
  detail: string;
}

/** The result of recording a movement: the movement (the first one when the key was already used) or a refusal. */
export type MovementOutcome = { movement: LedgerMovement; replayed: boolean } | LedgerRefusal;

/** True when the outcome is a refusal. */
export function isRefusal(outcome: MovementOutcome): outcome is LedgerRefusal {
  return 'refused' in outcome;
}

function accountsOf(input: MovementInput): { from: LedgerAccount; to: LedgerAccount } {
  const escrow = escrowAccount(input.orderId);
  switch (input.kind) {
    case 'PAYMENT':
    case 'OVERPAYMENT':
      return { from: buyerAccount(input.partyId), to: escrow };
    case 'REFUND':
    case 'OVERPAYMENT_REFUND':
      return { from: escrow, to: buyerAccount(input.partyId) };
    case 'RELEASE':
      return { from: escrow, to: supplierAccount(input.partyId) };
  }
}

/** Builds a movement and its two entries; throws a ZodError when the input is not a valid movement. */
export function buildMovement(input: MovementInput): MovementRecord {
  const valid = movementInputSchema.parse(input);
  const { partyId: _partyId, ...fields } = valid;
  const movement: LedgerMovement = { ...fields, ...accountsOf(valid) };
  const entry = (account: LedgerAccount, side: LedgerEntry['side']): LedgerEntry => ({
    orderId: movement.orderId,
    idempotencyKey: movement.idempotencyKey,
    account,
    side,
    amount: side === 'DEBIT' ? movement.amount : -movement.amount,
    currency: movement.currency,
    at: movement.at,
  });
  return { movement, entries: [entry(movement.to, 'DEBIT'), entry(movement.from, 'CREDIT')] };
}

/** The sum of signed entry amounts. */
export function sumEntries(entries: readonly LedgerEntry[]): number {
  return entries.reduce((total, entry) => total + entry.amount, 0);
}

/** The balance of an order before any movement. */
export function emptyEscrowBalance(orderId: string, currency: string): EscrowBalance {
  return { orderId, currency, paid: 0, refunded: 0, released: 0, held: 0 };
}

/** Everything escrow holds for the order: its own money and overpayments not yet given back. */
export function totalHeld(balance: Pick<EscrowBalance, 'held' | 'overpaymentHeld'> | undefined): number {
  return (balance?.held ?? 0) + (balance?.overpaymentHeld ?? 0);
}

/**
 * Why the movement may not be applied to the balance, or undefined when it may. `refundLimit` is the most
 * the order may ever refund (its covered amount); a refund is also limited by what was paid. The
 * repository enforces the same rules with conditions and uses this to explain a refusal.
 */
export function assessMovement(
  balance: EscrowBalance | undefined,
  movement: LedgerMovement,
  refundLimit?: number,
): LedgerRefusal | undefined {
  if (balance && balance.currency !== movement.currency) {
    return {
      refused: 'CURRENCY_MISMATCH',
      detail: `order ${movement.orderId} is in ${balance.currency}, the movement is in ${movement.currency}`,
    };
  }
  if (isMoneyIn(movement.kind)) return undefined;
  const current = balance ?? emptyEscrowBalance(movement.orderId, movement.currency);
  const money = (amount: number) => formatMinorUnits(amount, movement.currency);
  if (current.frozen) {
    return {
      refused: 'ESCROW_FROZEN',
      detail:
        `the escrow of order ${movement.orderId} is frozen since ${current.frozen.since} ` +
        `(${current.frozen.reason}); only a four-eyes decision releases it`,
    };
  }
  if (movement.kind === 'OVERPAYMENT_REFUND') {
    const overpaymentHeld = current.overpaymentHeld ?? 0;
    return movement.amount > overpaymentHeld
      ? {
          refused: 'EXCEEDS_OVERPAYMENT',
          detail: `overpayment refund of ${money(movement.amount)} exceeds the ${money(overpaymentHeld)} of overpayments held in escrow`,
        }
      : undefined;
  }
  if (movement.kind === 'REFUND') {
    const limit = Math.min(refundLimit ?? 0, current.paid);
    const refundable = Math.max(0, limit - current.refunded);
    if (movement.amount > refundable) {
      return {
        refused: 'EXCEEDS_REFUND_LIMIT',
        detail:
          `refund of ${money(movement.amount)} exceeds the ${money(refundable)} still refundable ` +
          `(the least of the refund limit ${money(refundLimit ?? 0)} and the ${money(current.paid)} paid, ` +
          `less the ${money(current.refunded)} refunded)`,
      };
    }
  }
  if (movement.amount > current.held) {
    return {
      refused: 'EXCEEDS_ESCROW',
      detail: `${movement.kind.toLowerCase()} of ${money(movement.amount)} exceeds the ${money(current.held)} held in escrow`,
    };
  }
  return undefined;
}

/** The balance after a movement that `assessMovement` allowed. */
export function applyMovement(balance: EscrowBalance | undefined, movement: LedgerMovement): EscrowBalance {
  const current = balance ?? emptyEscrowBalance(movement.orderId, movement.currency);
  switch (movement.kind) {
    case 'PAYMENT':
      return { ...current, paid: current.paid + movement.amount, held: current.held + movement.amount };
    case 'REFUND':
      return { ...current, refunded: current.refunded + movement.amount, held: current.held - movement.amount };
    case 'RELEASE':
      return { ...current, released: current.released + movement.amount, held: current.held - movement.amount };
    case 'OVERPAYMENT':
      return {
        ...current,
        overpaid: (current.overpaid ?? 0) + movement.amount,
        overpaymentRefunded: current.overpaymentRefunded ?? 0,
        overpaymentHeld: (current.overpaymentHeld ?? 0) + movement.amount,
      };
    case 'OVERPAYMENT_REFUND':
      return {
        ...current,
        overpaymentRefunded: (current.overpaymentRefunded ?? 0) + movement.amount,
        overpaymentHeld: (current.overpaymentHeld ?? 0) - movement.amount,
      };
  }
}

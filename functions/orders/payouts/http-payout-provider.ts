import * as z from 'zod';
import type { PayoutProvider, PayoutReceipt, PayoutRequest } from './payout-provider';

/*
 * A payout provider spoken to over a Stripe/Wise-shaped REST API:
 *   POST {baseUrl}/v1/payouts
 *   Authorization: Bearer <apiKey>
 *   Idempotency-Key: <the ledger movement's key>
 *   {amount, currency, beneficiary: {role, partyId}, reference, metadata: {orderId, idempotencyKey}}
 * → 200/201 {id, status: pending|paid|failed, failure_reason?}
 * The provider confirms a pending payout later with a signed `payout.paid` / `payout.failed` webhook.
 */

/**
 * The provider refused the payout for good (a 4xx other than 409/429, or an answer TrustFlow cannot
 * read): retrying the same request cannot succeed, someone must look at it.
 */
export class PayoutRejected extends Error {
  override name = 'PayoutRejected';
  constructor(
    message: string,
    readonly httpStatus?: number,
  ) {
    super(message);
  }
}

/**
 * 409: the provider already holds a payout under this idempotency key with a different body. The ledger
 * movement and the instruction disagree with what was sent before; retrying cannot fix it.
 */
export class PayoutIdempotencyConflict extends Error {
  override name = 'PayoutIdempotencyConflict';
}

/**
 * The provider could not be reached or asked to come back later (429, 5xx, a network error, a timeout).
 * The same request is safe to retry: the idempotency key makes it one payout.
 */
export class PayoutProviderUnavailable extends Error {
  override name = 'PayoutProviderUnavailable';
  constructor(
    message: string,
    readonly httpStatus?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Options of {@link createHttpPayoutProvider}. */
export interface HttpPayoutProviderOptions {
  /** Recorded on every receipt as `provider`. Default `http`. */
  name?: string;
  /** Base URL, without the `/v1/payouts` path; a trailing slash is ignored. */
  baseUrl: string;
  /**
   * The API key, sent as a Bearer token; or a function that gives it, called before each request, for a key
   * that must be fetched (Secrets Manager on AWS) while the provider itself is created synchronously. Its
   * errors propagate unchanged, so the function decides whether a failed fetch is worth retrying.
   */
  apiKey: string | (() => Promise<string>);
  /** Default: the global fetch (Node 20+). Tests and the local stack may pass their own. */
  fetch?: typeof fetch;
  /** Per-request time limit in ms; default 8000, below the Lambda's timeout so the error is ours. */
  timeoutMs?: number;
}

/** The provider's answer; unknown fields are allowed (providers add fields without notice). */
const payoutResponseSchema = z.object({
  id: z.string().min(1).max(256),
  status: z.enum(['pending', 'paid', 'failed']),
  failure_reason: z.string().max(1000).nullish(),
});

const receiptStatuses = { pending: 'PENDING', paid: 'PAID', failed: 'FAILED' } as const;

/** The error body providers send, when it is JSON: its message helps whoever reads the failure. */
function describeErrorBody(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof body.error === 'string' ? body.error : (body.error?.message ?? body.message ?? undefined);
    if (typeof message === 'string') return message.slice(0, 300);
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.slice(0, 300);
}

/**
 * A {@link PayoutProvider} over HTTP. Each call sends the request's idempotency key as `Idempotency-Key`,
 * so a retry after a lost answer makes the same payout rather than a second one.
 * @throws PayoutRejected, PayoutIdempotencyConflict (never worth retrying), PayoutProviderUnavailable (retry)
 */
export function createHttpPayoutProvider(options: HttpPayoutProviderOptions): PayoutProvider {
  const name = options.name ?? 'http';
  const url = `${options.baseUrl.replace(/\/+$/, '')}/v1/payouts`;
  const timeoutMs = options.timeoutMs ?? 8000;
  const send = options.fetch ?? globalThis.fetch;
  const apiKey = options.apiKey;

  async function submitPayout(request: PayoutRequest): Promise<PayoutReceipt> {
    const body = JSON.stringify({
      amount: request.amount,
      currency: request.currency,
      beneficiary: { role: request.beneficiary.role, partyId: request.beneficiary.partyId },
      reference: request.reference,
      metadata: { orderId: request.orderId, idempotencyKey: request.idempotencyKey },
    });
    // before the try below: a failed key fetch is not the provider being unreachable
    const key = typeof apiKey === 'string' ? apiKey : await apiKey();
    let response: Response;
    let text: string;
    try {
      response = await send(url, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${key}`,
          'Idempotency-Key': request.idempotencyKey,
          'Content-Type': 'application/json',
          Accept: 'application/json',
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : String(error);
      throw new PayoutProviderUnavailable(`payout provider ${name} unreachable at ${url}: ${reason}`, undefined, {
        cause: error,
      });
    }
    const context = `payout ${request.idempotencyKey} (${request.amount} ${request.currency})`;
    if (response.status === 429 || response.status >= 500) {
      throw new PayoutProviderUnavailable(
        `payout provider ${name} answered ${response.status} for ${context}: ${describeErrorBody(text)}`,
        response.status,
      );
    }
    if (response.status === 409) {
      throw new PayoutIdempotencyConflict(
        `payout provider ${name} holds another request under idempotency key ${request.idempotencyKey}: ${describeErrorBody(text)}`,
      );
    }
    if (!response.ok) {
      throw new PayoutRejected(
        `payout provider ${name} refused ${context} with ${response.status}: ${describeErrorBody(text)}`,
        response.status,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new PayoutRejected(`payout provider ${name} answered ${context} with a body that is not JSON`);
    }
    const parsed = payoutResponseSchema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
      throw new PayoutRejected(`payout provider ${name} answered ${context} unexpectedly: ${issues.join('; ')}`);
    }
    const receipt: PayoutReceipt = {
      provider: name,
      providerPayoutId: parsed.data.id,
      status: receiptStatuses[parsed.data.status],
    };
    if (parsed.data.failure_reason) receipt.failureReason = parsed.data.failure_reason;
    return receipt;
  }

  return { name, submitPayout };
}

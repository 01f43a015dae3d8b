import { timingSafeEqual } from 'node:crypto';
import { computeWebhookSignature, type RawWebhookBody } from './sign-webhook';

/** Header names of a partner webhook (HTTP header names are case-insensitive). */
export const webhookHeaders = { partner: 'TrustFlow-Partner', signature: 'TrustFlow-Signature' } as const;

/** How far a webhook timestamp may lie before or after now, per the API contract. */
export const defaultWebhookToleranceSeconds = 300;

/** Why a webhook was refused; every reason answers 401. */
export type WebhookRefusalReason =
  | 'MISSING_HEADER'
  | 'MALFORMED_SIGNATURE'
  | 'UNKNOWN_PARTNER'
  | 'STALE_TIMESTAMP'
  | 'FUTURE_TIMESTAMP'
  | 'BAD_SIGNATURE';

/** The outcome of {@link verifyWebhookSignature}. `timestamp` is the signed `t`. */
export type WebhookVerification =
  { ok: true; partnerId: string; timestamp: Date } | { ok: false; reason: WebhookRefusalReason; detail: string };

/** What {@link verifyWebhookSignature} needs: the request as received, the time, and the partners' secrets. */
export interface VerifyWebhookSignatureInput {
  /** The `TrustFlow-Partner` header, undefined when absent. */
  partnerHeader: string | undefined;
  /** The `TrustFlow-Signature` header, undefined when absent. */
  signatureHeader: string | undefined;
  /** The body exactly as received, before any JSON parsing. */
  rawBody: RawWebhookBody;
  now: Date;
  /** The partner's active secrets (several while rotating), or undefined for an unknown partner. */
  secretsOf: (partnerId: string) => readonly string[] | undefined;
  toleranceSeconds?: number;
}

// A SHA-256 HMAC is 32 bytes; anything else cannot match and must not reach timingSafeEqual, which throws.
const sha256Hex = /^[0-9a-fA-F]{64}$/;
// Twelve digits reach the year 33658: enough, and small enough to stay a safe integer.
const unixSeconds = /^\d{1,12}$/;

/**
 * Checks a partner webhook against the HMAC scheme of the API contract: the `TrustFlow-Signature`
 * header `t=<unix seconds>,v1=<hex>[,v1=<hex>…]` must carry a `t` within `toleranceSeconds` of `now`
 * and at least one `v1` equal to HMAC-SHA256(secret, `${t}.${rawBody}`) for one of the partner's
 * secrets. Elements may come in any order with spaces around them; unknown schemes such as `v0` are
 * ignored. Comparisons are constant-time, and no input makes it throw.
 *
 * The `detail` of a refusal names what was wrong for logs and for the partner, never a secret.
 */
export function verifyWebhookSignature({
  partnerHeader,
  signatureHeader,
  rawBody,
  now,
  secretsOf,
  toleranceSeconds = defaultWebhookToleranceSeconds,
}: VerifyWebhookSignatureInput): WebhookVerification {
  if (!Number.isFinite(toleranceSeconds) || toleranceSeconds < 0) {
    throw new RangeError(`toleranceSeconds must be a non-negative number, got ${toleranceSeconds}`);
  }
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid date');

  const partnerId = partnerHeader?.trim() ?? '';
  const signature = signatureHeader?.trim() ?? '';
  const missing = [...(partnerId ? [] : [webhookHeaders.partner]), ...(signature ? [] : [webhookHeaders.signature])];
  if (missing.length > 0) {
    return refuse(
      'MISSING_HEADER',
      `${missing.join(' and ')} header${missing.length > 1 ? 's are' : ' is'} missing or empty`,
    );
  }

  const parsed = parseSignatureHeader(signature);
  if (!parsed.ok) return refuse('MALFORMED_SIGNATURE', `${webhookHeaders.signature}: ${parsed.detail}`);

  // Empty secrets are skipped: an HMAC under an empty key is forgeable by anyone.
  const secrets = secretsOf(partnerId)?.filter((secret) => secret.length > 0);
  if (secrets === undefined) return refuse('UNKNOWN_PARTNER', `no partner ${quote(partnerId)} is registered`);
  if (secrets.length === 0) {
    return refuse('UNKNOWN_PARTNER', `partner ${quote(partnerId)} has no active signing secret`);
  }

  // The window is checked before any HMAC, so a replayed old request costs nothing to refuse.
  const timestamp = new Date(parsed.seconds * 1000);
  const ageMs = now.getTime() - timestamp.getTime();
  const toleranceMs = toleranceSeconds * 1000;
  if (ageMs > toleranceMs) {
    return refuse(
      'STALE_TIMESTAMP',
      `t=${parsed.t} (${timestamp.toISOString()}) is ${ageMs / 1000} s before now; at most ${toleranceSeconds} s is allowed`,
    );
  }
  if (-ageMs > toleranceMs) {
    return refuse(
      'FUTURE_TIMESTAMP',
      `t=${parsed.t} (${timestamp.toISOString()}) is ${-ageMs / 1000} s after now; at most ${toleranceSeconds} s is allowed`,
    );
  }

  const candidates = parsed.v1.map((hex) => (sha256Hex.test(hex) ? Buffer.from(hex, 'hex') : undefined));
  // Every pair is compared, without stopping at the first match, so the time taken does not say which matched.
  let matched = false;
  for (const secret of secrets) {
    const expected = computeWebhookSignature(secret, parsed.t, rawBody);
    for (const candidate of candidates) {
      if (candidate !== undefined && candidate.length === expected.length && timingSafeEqual(candidate, expected)) {
        matched = true;
      }
    }
  }
  if (!matched) {
    const notHex = candidates.filter((candidate) => candidate === undefined).length;
    return refuse(
      'BAD_SIGNATURE',
      `${count(parsed.v1.length, 'v1 signature')} given, none matches an active secret of partner ${quote(partnerId)}` +
        (notHex > 0 ? ` (${notHex} ${notHex === 1 ? 'is' : 'are'} not 64 hex digits)` : '') +
        `; the HMAC-SHA256 must cover "${parsed.t}." followed by the raw body`,
    );
  }
  return { ok: true, partnerId, timestamp };
}

type ParsedSignatureHeader = { ok: true; t: string; seconds: number; v1: string[] } | { ok: false; detail: string };

/** Splits `t=…,v1=…` into its parts; `t` is kept as text because the HMAC covers it as sent. */
function parseSignatureHeader(header: string): ParsedSignatureHeader {
  let t: string | undefined;
  const v1: string[] = [];
  const schemes = new Set<string>();
  for (const element of header.split(',').map((part) => part.trim())) {
    // A trailing or doubled comma is harmless and carries nothing to misread.
    if (element === '') continue;
    const equals = element.indexOf('=');
    if (equals <= 0) return { ok: false, detail: `element ${quote(element)} is not of the form key=value` };
    const key = element.slice(0, equals).trim();
    const value = element.slice(equals + 1).trim();
    if (key === 't') {
      // Two timestamps leave it open which one was signed.
      if (t !== undefined) return { ok: false, detail: 't appears more than once' };
      t = value;
    } else if (key === 'v1') {
      v1.push(value);
    } else {
      schemes.add(key);
    }
  }
  if (t === undefined) return { ok: false, detail: 't=<unix seconds> is missing' };
  if (!unixSeconds.test(t)) return { ok: false, detail: `t must be whole unix seconds (1-12 digits), got ${quote(t)}` };
  if (v1.length === 0) {
    const others = schemes.size > 0 ? ` (found only ${[...schemes].map(quote).join(', ')})` : '';
    return { ok: false, detail: `no v1=<hex HMAC-SHA256> signature${others}` };
  }
  return { ok: true, t, seconds: Number(t), v1 };
}

function refuse(reason: WebhookRefusalReason, detail: string): WebhookVerification {
  return { ok: false, reason, detail };
}

/** Quotes untrusted header text for a detail, cut short so a huge header cannot flood the logs. */
function quote(text: string): string {
  return JSON.stringify(text.length > 64 ? `${text.slice(0, 64)}…` : text);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

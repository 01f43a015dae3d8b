import { createHmac } from 'node:crypto';

/** The body exactly as sent on the wire: the bytes, or the string they were decoded from. */
export type RawWebhookBody = string | Uint8Array;

/**
 * HMAC-SHA256 of `${t}.${rawBody}` under `secret`, as raw bytes.
 *
 * `t` is the timestamp text exactly as it appears in the header, not a re-formatted number: a partner
 * who sends `t=0172…` signed those characters. The body is fed as bytes, never decoded and re-encoded,
 * so a body that is not valid UTF-8 still verifies byte for byte.
 */
export function computeWebhookSignature(secret: string, t: string, rawBody: RawWebhookBody): Buffer {
  return createHmac('sha256', secret).update(`${t}.`, 'utf8').update(rawBody).digest();
}

/**
 * Builds the `TrustFlow-Signature` header value a partner sends with a webhook:
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.rawBody">`.
 *
 * For tests, the README's worked example and partner simulators; TrustFlow itself only verifies.
 * The timestamp is truncated to whole seconds, as the header carries no fraction.
 */
export function signWebhook({
  secret,
  rawBody,
  timestamp,
}: {
  secret: string;
  rawBody: RawWebhookBody;
  timestamp: Date;
}): string {
  const seconds = Math.floor(timestamp.getTime() / 1000);
  if (!Number.isSafeInteger(seconds) || seconds < 0) {
    throw new RangeError('timestamp must be a valid date at or after 1970-01-01T00:00:00Z');
  }
  // An empty key would let anyone produce a "valid" signature; the verifier refuses it too.
  if (secret.length === 0) throw new RangeError('secret must not be empty');
  const t = String(seconds);
  return `t=${t},v1=${computeWebhookSignature(secret, t, rawBody).toString('hex')}`;
}

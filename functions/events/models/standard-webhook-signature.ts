import { createHmac, randomBytes } from 'node:crypto';

/*
 * Signatures per the Standard Webhooks specification (https://www.standardwebhooks.com): a `whsec_`
 * secret is base64 of 24 to 64 random bytes; a signature is `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`
 * with the decoded key; the header lists one signature per active secret, separated by spaces, so a
 * receiver holding either the old or the new secret verifies during a rotation. Written with node:crypto
 * and tested against the `standardwebhooks` package, which receivers use to verify.
 */

/** Bytes of a new secret: 32, inside the 24 to 64 the specification asks for. */
const secretBytes = 32;

/** A new endpoint secret, `whsec_<base64 of 32 random bytes>`. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(secretBytes).toString('base64')}`;
}

/** The `v1,…` signature of one attempt with one secret. */
export function signStandardWebhook(secret: string, id: string, timestamp: Date, body: string): string {
  if (!secret.startsWith('whsec_')) throw new Error('A Standard Webhooks secret starts with whsec_');
  if (id.includes('.')) throw new Error('A webhook id may not contain a dot: it is part of the signed content');
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const seconds = Math.floor(timestamp.getTime() / 1000);
  return `v1,${createHmac('sha256', key).update(`${id}.${seconds}.`).update(body, 'utf8').digest('base64')}`;
}

/**
 * The three headers of one delivery attempt: the event id (the same on every attempt), this attempt's
 * time, and a signature per active secret.
 */
export function standardWebhookHeaders(
  secrets: readonly string[],
  id: string,
  timestamp: Date,
  body: string,
): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  if (secrets.length === 0) throw new Error('An endpoint has at least one secret');
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => signStandardWebhook(secret, id, timestamp, body)).join(' '),
  };
}

import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import {
  assessWebhookUrl,
  isForbiddenAddress,
  isLoopbackAddress,
  type WebhookTargetPolicy,
} from '../models/webhook-target';

/** How long one attempt may take before it counts as failed (the specification asks for 15 to 30 s). */
export const attemptTimeoutMs = 15_000;

/** Bytes of the receiver's answer kept for the deliveries log; the rest is read and dropped. */
const keptResponseBytes = 1_024;

/**
 * What one attempt came to:
 * - DELIVERED: a 2xx;
 * - GONE: 410, the receiver asks to be disabled;
 * - FAILED: anything else (3xx included: redirects are not followed), a timeout, a refused target; `retryAfterMs`
 *   when the receiver said when to come back.
 */
export type AttemptOutcome =
  | { result: 'DELIVERED'; status: number; responseBody: string; durationMs: number }
  | { result: 'GONE'; status: 410; responseBody: string; durationMs: number }
  | {
      result: 'FAILED';
      status?: number;
      error?: string;
      retryAfterMs?: number;
      responseBody?: string;
      durationMs: number;
    };

/**
 * A lookup that resolves every address of the host and refuses the connection when any is forbidden, then
 * hands the checked addresses to the socket, so a DNS answer cannot change between the check and the
 * connection (rebinding). On the local stack loopback is allowed (for a receiver on the developer's machine).
 */
export function createPinnedLookup(policy: WebhookTargetPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const allowed = (address: string) =>
        !isForbiddenAddress(address) || (policy.allowLoopbackHttp && isLoopbackAddress(address));
      const refused = addresses.find((entry) => !allowed(entry.address));
      if (refused || addresses.length === 0) {
        const failure = Object.assign(new Error(`${hostname} resolves to a forbidden address`), {
          code: 'EFORBIDDENADDRESS',
        });
        return callback(failure, '', 0);
      }
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

function retryAfterMs(header: string | string[] | undefined, now: Date): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/**
 * Sends one signed delivery: POST of the body with the Standard Webhooks headers, to a URL checked again
 * against the target policy and reached through the pinned lookup. Never follows a redirect, times out after
 * 15 s, keeps at most 1 KB of the answer. Never throws: every failure is an outcome for the deliveries log.
 */
export async function sendWebhook(
  target: { url: string; headers: Record<string, string>; body: string },
  policy: WebhookTargetPolicy,
  now: () => Date = () => new Date(),
  timeoutMs: number = attemptTimeoutMs,
): Promise<AttemptOutcome> {
  const started = Date.now();
  const elapsed = () => Date.now() - started;
  const refusal = assessWebhookUrl(target.url, policy);
  if (refusal) return { result: 'FAILED', error: `url ${refusal}`, durationMs: elapsed() };
  const url = new URL(target.url);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  // an IP literal is never looked up: assessWebhookUrl has checked it
  const lookup = isIP(url.hostname.replace(/^\[|\]$/g, '')) === 0 ? createPinnedLookup(policy) : undefined;
  return new Promise<AttemptOutcome>((resolve) => {
    const request = send(
      url,
      {
        method: 'POST',
        headers: {
          ...target.headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(target.body),
          'user-agent': 'TrustFlow-Webhooks/2',
        },
        ...(lookup ? { lookup } : {}),
        timeout: timeoutMs,
      },
      (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        response.on('data', (chunk: Buffer) => {
          if (kept < keptResponseBytes) {
            chunks.push(chunk.subarray(0, keptResponseBytes - kept));
            kept += Math.min(chunk.length, keptResponseBytes - kept);
          }
        });
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          const responseBody = Buffer.concat(chunks).toString('utf8');
          const durationMs = elapsed();
          if (status >= 200 && status < 300) return resolve({ result: 'DELIVERED', status, responseBody, durationMs });
          if (status === 410) return resolve({ result: 'GONE', status: 410, responseBody, durationMs });
          const after = retryAfterMs(response.headers['retry-after'], now());
          resolve({
            result: 'FAILED',
            status,
            responseBody,
            durationMs,
            ...(after !== undefined ? { retryAfterMs: after } : {}),
          });
        });
        response.on('error', (error) =>
          resolve({ result: 'FAILED', status: response.statusCode, error: error.message, durationMs: elapsed() }),
        );
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve({
        result: 'FAILED',
        error: error.message,
        durationMs: elapsed(),
      }),
    );
    request.end(target.body);
  });
}

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request the receiver took. */
export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  event: { type: string; id: string; occurredAt: string; data: Record<string, unknown> };
  answered: number | 'HUNG';
}

/** How the receiver answers the next request: a status, or never (the sender times out). */
export type ReceiverAnswer = number | 'HANG';

/**
 * A real HTTP receiver on loopback, as a marketplace would run one: it records every request and answers
 * from a queue of scripted answers (200 once the queue is empty).
 */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  const script: ReceiverAnswer[] = [];
  let fallback: ReceiverAnswer = 200;
  const hanging = new Set<() => void>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const answer = script.shift() ?? fallback;
      received.push({
        headers: request.headers,
        body,
        event: JSON.parse(body),
        answered: answer === 'HANG' ? 'HUNG' : answer,
      });
      if (answer === 'HANG') {
        // never answers; released when the sender gives up or the receiver stops
        const release = () => response.destroy();
        hanging.add(release);
        response.on('close', () => hanging.delete(release));
        return;
      }
      response.writeHead(answer, { 'content-type': 'text/plain' }).end(answer < 300 ? 'ok' : 'not now');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/trustflow-events`;
  return {
    url,
    received,
    /** Answers the next requests in this order. */
    answerNext(...answers: ReceiverAnswer[]) {
      script.push(...answers);
    },
    /** Answers every request after the script with this. */
    answerAlways(answer: ReceiverAnswer) {
      fallback = answer;
    },
    /** The requests for one event type, in the order they came. */
    ofType(type: string) {
      return received.filter((request) => request.event.type === type);
    },
    async stop() {
      for (const release of hanging) release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Verifies a delivery with the `standardwebhooks` library, as a receiver would. On a stack whose clock was
 * moved, `webhook-timestamp` is the virtual time, so (as DESIGN says) the receiver checks the signature but
 * not the tolerance: the library's clock is set to the delivery's own timestamp for the check.
 * @returns the verified payload; throws when no signature matches
 */
export function verifyDelivery(secret: string, delivery: Pick<ReceivedWebhook, 'headers' | 'body'>): unknown {
  const headers = Object.fromEntries(
    Object.entries(delivery.headers).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(',') : (value ?? ''),
    ]),
  );
  const realNow = Date.now;
  Date.now = () => Number(headers['webhook-timestamp']) * 1000;
  try {
    return new Webhook(secret).verify(delivery.body, headers);
  } finally {
    Date.now = realNow;
  }
}

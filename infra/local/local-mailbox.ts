import { appendFileSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { now } from '../../functions/commons/clock';

/**
 * The local counterpart of Amazon SES: an endpoint speaking SES v2's `SendEmail`
 * (`POST /v2/email/outbound-emails`), reached by the same `@aws-sdk/client-sesv2` code through
 * `AWS_ENDPOINT_URL_SESV2`. Nothing leaves the machine: each email is appended to a file in the data
 * directory (so the mailbox survives restarts) and listed by `GET /_local/mailbox`.
 */

/** An email as the mailbox keeps it. */
export interface LocalEmail {
  messageId: string;
  /** When it was sent, on the business clock. */
  sentAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
}

/** The running mailbox. */
export interface LocalMailbox {
  url: string;
  /** Every email, oldest first; `to` keeps only those to that address. */
  list(to?: string): LocalEmail[];
  stop(): Promise<void>;
}

interface SendEmailBody {
  FromEmailAddress?: string;
  Destination?: { ToAddresses?: string[] };
  Content?: { Simple?: { Subject?: { Data?: string }; Body?: { Text?: { Data?: string } } } };
}

function readMailbox(file: string): LocalEmail[] {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as LocalEmail);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Starts the local SES endpoint on a free loopback port, keeping mail in `file` (JSON lines). */
export async function startLocalMailbox(file: string): Promise<LocalMailbox> {
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = (status: number, body: unknown) =>
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (request.method !== 'POST' || request.url !== '/v2/email/outbound-emails') {
        return answer(404, {
          message: `The local SES endpoint answers SendEmail only, not ${request.method} ${request.url}`,
        });
      }
      let body: SendEmailBody;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SendEmailBody;
      } catch {
        return answer(400, { message: 'The body is not JSON' });
      }
      const to = body.Destination?.ToAddresses ?? [];
      const simple = body.Content?.Simple;
      if (!body.FromEmailAddress || to.length === 0 || !simple?.Subject?.Data) {
        // SES's own answer for a message without a sender, recipient or subject
        response.setHeader('x-amzn-errortype', 'BadRequestException');
        return answer(400, { message: 'FromEmailAddress, Destination.ToAddresses and a subject are required' });
      }
      const email: LocalEmail = {
        messageId: `local-${randomUUID()}`,
        sentAt: now().toISOString(),
        from: body.FromEmailAddress,
        to,
        subject: simple.Subject.Data,
        text: simple.Body?.Text?.Data ?? '',
      };
      appendFileSync(file, `${JSON.stringify(email)}\n`, { mode: 0o600 });
      answer(200, { MessageId: email.messageId });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    list: (to) => readMailbox(file).filter((email) => !to || email.to.includes(to)),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

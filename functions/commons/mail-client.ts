import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';

/*
 * Email out of TrustFlow: Amazon SES (v2) on AWS, the local stack's mailbox locally (its own SES endpoint,
 * reached through AWS_ENDPOINT_URL_SESV2 like every other local service). In its own module so functions
 * that send no email do not bundle the client.
 */

const ses = new SESv2Client({});

/** A plain-text email. */
export interface PlainEmail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Sends a plain-text email from the deployment's verified sender (`MAIL_SENDER`).
 * @returns SES's message id
 * @throws when no sender is configured, or SES refuses
 */
export async function sendPlainEmail(email: PlainEmail): Promise<string> {
  const sender = process.env.MAIL_SENDER;
  if (!sender) throw new Error('MAIL_SENDER is not set: deploy with a verified sender (trustflow:mailSender)');
  const sent = await ses.send(
    new SendEmailCommand({
      FromEmailAddress: sender,
      Destination: { ToAddresses: [email.to] },
      Content: {
        Simple: {
          Subject: { Data: email.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: email.text, Charset: 'UTF-8' } },
        },
      },
    }),
  );
  return sent.MessageId ?? '';
}

import { Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

/** Context key of the verified SES sender (`cdk deploy -c trustflow:mailSender='TrustFlow <no-reply@example.com>'`). */
export const mailSenderContextKey = 'trustflow:mailSender';

/** Properties of {@link ApplicantEmail}. */
export interface ApplicantEmailProps {
  /** The functions that run the event subscribers (the dispatcher's stream function and sweep). */
  readonly functions: readonly LambdaFunction[];
  /** The sender, an address or `Name <address>`, verified in SES in the stack's region; none: no email. */
  readonly sender: string | undefined;
}

/**
 * The applicant's emails (DESIGN, "The applicant is notified") go out through Amazon SES from a sender the
 * operator verified, given at deploy time. The functions get it as `MAIL_SENDER` and may send from that
 * identity only (the address, or its domain when the domain is the verified identity). Without a sender
 * nothing is sent and nothing queues up: the subscriber is not registered.
 */
export class ApplicantEmail extends Construct {
  /** The sender's address, when one was given. */
  readonly senderAddress: string | undefined;

  constructor(scope: Construct, id: string, props: ApplicantEmailProps) {
    super(scope, id);
    if (!props.sender) {
      this.senderAddress = undefined;
      return;
    }
    const address = /<([^>]+)>\s*$/.exec(props.sender)?.[1] ?? props.sender.trim();
    const domain = address.split('@')[1];
    if (!domain || /\s/.test(address)) {
      throw new Error(
        `${mailSenderContextKey} must be an address or "Name <address>", got ${JSON.stringify(props.sender)}`,
      );
    }
    this.senderAddress = address;
    const stack = Stack.of(this);
    const identity = (name: string) => stack.formatArn({ service: 'ses', resource: 'identity', resourceName: name });
    for (const fn of props.functions) {
      fn.addEnvironment('MAIL_SENDER', props.sender);
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['ses:SendEmail'],
          resources: [identity(address), identity(domain)],
          // from this sender only, whatever identity authorises it
          conditions: { StringEquals: { 'ses:FromAddress': address } },
        }),
      );
    }
  }
}

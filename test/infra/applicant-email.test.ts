import { Template } from 'aws-cdk-lib/assertions';
import { mailSenderContextKey } from '../../infra/constructs/applicant-email';
import { addTestStack, createTestApp, logicalIdOf } from './support/synthesize-stack';

function synthesizeWithSender(sender?: string) {
  const app = createTestApp();
  if (sender !== undefined) app.node.setContext(mailSenderContextKey, sender);
  const stack = addTestStack(app);
  return { stack, template: Template.fromStack(stack) };
}

describe('Applicant email', () => {
  it('gives the event functions the verified sender and lets them send from that address only', () => {
    // Act
    const { stack, template } = synthesizeWithSender('TrustFlow <no-reply@mail.example.com>');

    // Assess
    for (const id of ['dispatchAnnouncedEvents', 'sweepWebhookDeliveries'] as const) {
      const fn = template.toJSON().Resources[logicalIdOf(stack, stack.functions.get(id))];
      expect(fn.Properties.Environment.Variables.MAIL_SENDER).toBe('TrustFlow <no-reply@mail.example.com>');
    }
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (policy) =>
        policy.Properties.PolicyDocument.Statement as { Action: unknown; Resource: unknown; Condition?: unknown }[],
    );
    const sends = statements.filter((statement) => statement.Action === 'ses:SendEmail');
    expect(sends).toHaveLength(2);
    for (const statement of sends) {
      expect(JSON.stringify(statement.Resource)).toContain(':identity/no-reply@mail.example.com');
      expect(JSON.stringify(statement.Resource)).toContain(':identity/mail.example.com');
      expect(statement.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'no-reply@mail.example.com' } });
    }
    expect(stack.applicantEmail.senderAddress).toBe('no-reply@mail.example.com');
  });

  it('sends no email and grants nothing without a sender', () => {
    // Act
    const { stack, template } = synthesizeWithSender();

    // Assess
    const fn = template.toJSON().Resources[logicalIdOf(stack, stack.functions.get('sweepWebhookDeliveries'))];
    expect(fn.Properties.Environment.Variables.MAIL_SENDER).toBeUndefined();
    expect(JSON.stringify(template.toJSON())).not.toContain('ses:SendEmail');
  });

  it('refuses a sender that is not an address', () => {
    // Act / Assess
    expect(() => synthesizeWithSender('TrustFlow')).toThrow(/trustflow:mailSender must be an address/);
  });
});

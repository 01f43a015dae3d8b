import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import type { CfnSecret } from 'aws-cdk-lib/aws-secretsmanager';
import {
  defaultPayoutProviderUrl,
  payoutProviderApiKeySecretName,
  PayoutProviderSettings,
  payoutProviderUrlContextKey,
} from '../../infra/constructs/payout-provider-settings';
import { synthesizeStack } from './support/synthesize-stack';

/** A stack with the functions that pay out and another function, as the catalogue will have them. */
function stackWithFunctions(context: Record<string, unknown> = {}) {
  const stack = new Stack(new App({ context }), 'PayoutTest');
  const make = (id: string) =>
    new LambdaFunction(stack, id, {
      runtime: Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: Code.fromInline('exports.handler = async () => undefined;'),
    });
  const functions = new Map([
    ['assuredOrderStep', make('AssuredOrderStep')],
    ['dispatchAnnouncedEvents', make('DispatchAnnouncedEvents')],
    ['sweepWebhookDeliveries', make('SweepWebhookDeliveries')],
    ['getOrder', make('GetOrder')],
  ]);
  return { stack, functions };
}

function environmentOf(template: Template, logicalIdPrefix: string): Record<string, unknown> | undefined {
  const [, resource] =
    Object.entries(template.findResources('AWS::Lambda::Function')).find(([id]) => id.startsWith(logicalIdPrefix)) ??
    [];
  return resource?.Properties.Environment?.Variables;
}

describe('PayoutProviderSettings', () => {
  it('gives the paying functions the provider URL and the ARN of the key secret, and no other function', () => {
    // Prepare
    const { stack, functions } = stackWithFunctions();

    // Act
    const settings = new PayoutProviderSettings(stack, 'PayoutProvider', { functions });
    const template = Template.fromStack(stack);

    // Assess
    for (const prefix of ['AssuredOrderStep', 'DispatchAnnouncedEvents', 'SweepWebhookDeliveries']) {
      expect(environmentOf(template, prefix)).toEqual({
        PAYOUT_PROVIDER_URL: defaultPayoutProviderUrl,
        PAYOUT_PROVIDER_API_KEY_SECRET_ARN: {
          Ref: stack.getLogicalId(settings.apiKeySecret!.node.defaultChild as CfnSecret),
        },
      });
    }
    expect(environmentOf(template, 'GetOrder')).toBeUndefined();
    expect(template.findParameters('*')).not.toHaveProperty('PayoutProviderApiKey');
  });

  it('creates the key secret with a JSON placeholder, never a key, under the stack name', () => {
    // Prepare
    const { stack, functions } = stackWithFunctions();

    // Act
    new PayoutProviderSettings(stack, 'PayoutProvider', { functions });
    const template = Template.fromStack(stack);

    // Assess
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: payoutProviderApiKeySecretName('PayoutTest'),
      Description: Match.stringLikeRegexp('put the provider.s key'),
      GenerateSecretString: {
        SecretStringTemplate: Match.stringLikeRegexp('placeholder'),
        GenerateStringKey: 'random',
      },
      SecretString: Match.absent(),
    });
  });

  it('lets only the paying functions read the secret', () => {
    // Prepare
    const { stack, functions } = stackWithFunctions();

    // Act
    const settings = new PayoutProviderSettings(stack, 'PayoutProvider', { functions });
    const template = Template.fromStack(stack);

    // Assess
    const secretRef = { Ref: stack.getLogicalId(settings.apiKeySecret!.node.defaultChild as CfnSecret) };
    const readers = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy) =>
        (policy.Properties.PolicyDocument.Statement as { Action: unknown; Resource: unknown }[]).some(
          (statement) =>
            [statement.Action].flat().some((action) => String(action).startsWith('secretsmanager:')) &&
            JSON.stringify(statement.Resource) === JSON.stringify(secretRef),
        ),
      )
      .flatMap((policy) => policy.Properties.Roles as { Ref: string }[]);
    const roleOf = (id: string) => ({ Ref: stack.getLogicalId(functions.get(id)!.role!.node.defaultChild as CfnRole) });
    const paying = ['assuredOrderStep', 'dispatchAnnouncedEvents', 'sweepWebhookDeliveries'];
    expect(readers).toEqual(paying.map(roleOf));
    for (const id of paying) {
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            {
              Effect: 'Allow',
              Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
              Resource: secretRef,
            },
          ]),
        },
        Roles: [roleOf(id)],
      });
    }
    template.resourceCountIs('AWS::SecretsManager::ResourcePolicy', 0);
  });

  it('takes the URL from the context', () => {
    // Prepare
    const { stack, functions } = stackWithFunctions({ [payoutProviderUrlContextKey]: 'https://api.payouts.test' });

    // Act
    new PayoutProviderSettings(stack, 'PayoutProvider', { functions });

    // Assess
    expect(environmentOf(Template.fromStack(stack), 'AssuredOrderStep')).toMatchObject({
      PAYOUT_PROVIDER_URL: 'https://api.payouts.test',
    });
  });

  it('refuses a URL that is not https', () => {
    // Prepare
    const { stack, functions } = stackWithFunctions({ [payoutProviderUrlContextKey]: 'http://payouts.test' });

    // Act
    const create = () => new PayoutProviderSettings(stack, 'PayoutProvider', { functions });

    // Assess
    expect(create).toThrow(`${payoutProviderUrlContextKey} must be an https:// URL`);
  });

  it('creates the secret and its output in the TrustFlow stack exactly when assuredOrderStep is in the catalogue', () => {
    // Act
    const { stack, template } = synthesizeStack();

    // Assess
    const hasStep = stack.functions.all().has('assuredOrderStep');
    expect(Object.keys(template.findResources('AWS::SecretsManager::Secret'))).toHaveLength(hasStep ? 1 : 0);
    expect(Object.keys(template.findOutputs('PayoutProviderApiKeySecretArn'))).toHaveLength(hasStep ? 1 : 0);
    expect(template.findParameters('*')).not.toHaveProperty('PayoutProviderApiKey');
  });
});

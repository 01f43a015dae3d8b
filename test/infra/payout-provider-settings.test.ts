import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import {
  defaultPayoutProviderUrl,
  PayoutProviderSettings,
  payoutProviderUrlContextKey,
} from '../../infra/constructs/payout-provider-settings';
import { synthesizeStack } from './support/synthesize-stack';

/** A stack with an `assuredOrderStep` and another function, as the catalogue will have them. */
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
  it('gives assuredOrderStep the provider URL and the key from a NoEcho parameter, and no other function', () => {
    // Prepare
    const { stack, functions } = stackWithFunctions();

    // Act
    new PayoutProviderSettings(stack, 'PayoutProvider', { functions });
    const template = Template.fromStack(stack);

    // Assess
    expect(environmentOf(template, 'AssuredOrderStep')).toEqual({
      PAYOUT_PROVIDER_URL: defaultPayoutProviderUrl,
      PAYOUT_PROVIDER_API_KEY: { Ref: 'PayoutProviderApiKey' },
    });
    expect(environmentOf(template, 'GetOrder')).toBeUndefined();
    template.hasParameter('PayoutProviderApiKey', { Type: 'String', NoEcho: true });
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

  it('creates the parameter in the TrustFlow stack exactly when assuredOrderStep is in the catalogue', () => {
    // Act
    const { stack, template } = synthesizeStack();

    // Assess
    const hasStep = stack.functions.all().has('assuredOrderStep');
    expect(Object.keys(template.findParameters('PayoutProviderApiKey'))).toEqual(
      hasStep ? ['PayoutProviderApiKey'] : [],
    );
  });
});

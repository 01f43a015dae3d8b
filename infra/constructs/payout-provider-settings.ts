import { Stack } from 'aws-cdk-lib';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledgeNagRule } from './nag';

/**
 * Catalogue ids of the functions that call the payout provider: the assured-order workflow's steps, and
 * the outbox dispatchers, whose `internal:overpayment-refunds` subscriber gives overpayments back.
 */
export const payoutProviderFunctionIds: readonly string[] = [
  'assuredOrderStep',
  'dispatchAnnouncedEvents',
  'sweepWebhookDeliveries',
];

/** Context key of the provider's base URL (`cdk synth -c trustflow:payoutProviderUrl=https://…`). */
export const payoutProviderUrlContextKey = 'trustflow:payoutProviderUrl';

/** Used when the context does not set the URL: a placeholder that fails visibly rather than paying anyone. */
export const defaultPayoutProviderUrl = 'https://payouts.example.com';

/** Name of the API key secret in a stack: `<stack name>/payout-provider-api-key`. */
export function payoutProviderApiKeySecretName(stackName: string): string {
  return `${stackName}/payout-provider-api-key`;
}

/** Properties of {@link PayoutProviderSettings}. */
export interface PayoutProviderSettingsProps {
  /** Every function by catalogue id; those in {@link payoutProviderFunctionIds} get the settings. */
  readonly functions: ReadonlyMap<string, LambdaFunction>;
}

/**
 * Gives the functions that pay out the provider's URL (`PAYOUT_PROVIDER_URL`) and the Secrets Manager secret
 * that holds its API key (`PAYOUT_PROVIDER_API_KEY_SECRET_ARN`), read by `resolvePayoutProvider` at the first
 * payout. The key itself is in neither the template nor the function's configuration, so the Lambda console
 * does not show it, and `cdk deploy` needs no parameter.
 *
 * The secret is created with a JSON placeholder (a generated value, so no key is ever written into the
 * template or cdk.out); after the first deploy an operator puts the provider's API key in it as the plain
 * secret string (`aws secretsmanager put-secret-value`). Until then payouts fail with
 * `PayoutProviderMisconfigured`, which names the secret. It is encrypted with the AWS managed key
 * `aws/secretsmanager`: the stack's keys belong to the table and the documents, and the managed key needs no
 * key policy for a same-account reader. Only the functions that pay out may read it.
 *
 * Nothing is created when none of the functions exists, so the stack has no secret it does not use.
 */
export class PayoutProviderSettings extends Construct {
  /** The functions that received the settings. */
  readonly configured: LambdaFunction[];
  /** The API key secret; undefined when no function pays out. */
  readonly apiKeySecret: Secret | undefined;

  constructor(scope: Construct, id: string, props: PayoutProviderSettingsProps) {
    super(scope, id);
    this.configured = payoutProviderFunctionIds.flatMap((functionId) => {
      const fn = props.functions.get(functionId);
      return fn ? [fn] : [];
    });
    if (this.configured.length === 0) {
      this.apiKeySecret = undefined;
      return;
    }
    const url = String(this.node.tryGetContext(payoutProviderUrlContextKey) ?? defaultPayoutProviderUrl);
    if (!/^https:\/\/[^\s/]+/.test(url)) {
      throw new Error(`${payoutProviderUrlContextKey} must be an https:// URL, got ${JSON.stringify(url)}`);
    }
    this.apiKeySecret = new Secret(this, 'ApiKey', {
      secretName: payoutProviderApiKeySecretName(Stack.of(this).stackName),
      description:
        "API key of the payout provider, sent as a Bearer token. After deploying, put the provider's key " +
        'in this secret as the plain secret string (not JSON), replacing the generated placeholder.',
      // a recognisable JSON placeholder rather than a random string that would be sent to the provider as a key
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ placeholder: "put the payout provider's API key here" }),
        generateStringKey: 'random',
      },
    });
    acknowledgeNagRule(
      this.apiKeySecret,
      'AwsSolutions-SMG4',
      'The payout provider issues this API key; rotating it is done in the provider dashboard by its own ' +
        'process, then the new key is put here. A Secrets Manager rotation Lambda cannot create provider keys.',
    );
    for (const fn of this.configured) {
      fn.addEnvironment('PAYOUT_PROVIDER_URL', url);
      fn.addEnvironment('PAYOUT_PROVIDER_API_KEY_SECRET_ARN', this.apiKeySecret.secretArn);
      this.apiKeySecret.grantRead(fn);
    }
  }
}

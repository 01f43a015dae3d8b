import { CfnParameter } from 'aws-cdk-lib';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

/** Catalogue ids of the functions that call the payout provider (the assured-order workflow's steps). */
export const payoutProviderFunctionIds: readonly string[] = ['assuredOrderStep'];

/** Context key of the provider's base URL (`cdk synth -c trustflow:payoutProviderUrl=https://…`). */
export const payoutProviderUrlContextKey = 'trustflow:payoutProviderUrl';

/** Used when the context does not set the URL: a placeholder that fails visibly rather than paying anyone. */
export const defaultPayoutProviderUrl = 'https://payouts.example.com';

/** Properties of {@link PayoutProviderSettings}. */
export interface PayoutProviderSettingsProps {
  /** Every function by catalogue id; those in {@link payoutProviderFunctionIds} get the settings. */
  readonly functions: ReadonlyMap<string, LambdaFunction>;
}

/**
 * Gives the functions that pay out the provider's URL and API key (`PAYOUT_PROVIDER_URL`,
 * `PAYOUT_PROVIDER_API_KEY`, read by `resolvePayoutProvider`).
 *
 * The key comes from a NoEcho stack parameter (`PayoutProviderApiKey`), so it is never written into the
 * template or cdk.out. It should come from Secrets Manager, read at run time; the project does not ship
 * `@aws-sdk/client-secrets-manager` (nor client-ssm), and adding a dependency was out of scope. Until it
 * does, the key is a Lambda environment variable (encrypted at rest by Lambda, visible to whoever may
 * read the function's configuration).
 *
 * Nothing is created when none of the functions exists, so the stack has no parameter it does not use.
 */
export class PayoutProviderSettings extends Construct {
  /** The functions that received the settings. */
  readonly configured: LambdaFunction[];
  /** The API key parameter; undefined when no function pays out. */
  readonly apiKeyParameter: CfnParameter | undefined;

  constructor(scope: Construct, id: string, props: PayoutProviderSettingsProps) {
    super(scope, id);
    this.configured = payoutProviderFunctionIds.flatMap((functionId) => {
      const fn = props.functions.get(functionId);
      return fn ? [fn] : [];
    });
    if (this.configured.length === 0) {
      this.apiKeyParameter = undefined;
      return;
    }
    const url = String(this.node.tryGetContext(payoutProviderUrlContextKey) ?? defaultPayoutProviderUrl);
    if (!/^https:\/\/[^\s/]+/.test(url)) {
      throw new Error(`${payoutProviderUrlContextKey} must be an https:// URL, got ${JSON.stringify(url)}`);
    }
    // at stack level, so that its name is the plain `PayoutProviderApiKey` operators pass to `cdk deploy`
    this.apiKeyParameter = new CfnParameter(scope, 'PayoutProviderApiKey', {
      type: 'String',
      noEcho: true,
      minLength: 1,
      description: 'API key of the payout provider (sent as a Bearer token); never shown once deployed',
    });
    for (const fn of this.configured) {
      fn.addEnvironment('PAYOUT_PROVIDER_URL', url);
      fn.addEnvironment('PAYOUT_PROVIDER_API_KEY', this.apiKeyParameter.valueAsString);
    }
  }
}

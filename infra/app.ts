import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { TrustFlowStack } from './trustflow-stack';

/**
 * Context key (cdk.json or `-c`) listing the browser origins of the front end: allowed by the HTTP API's
 * CORS and to POST uploads to the documents bucket.
 */
const browserOriginsContext = 'trustflow:browserOrigins';

/** Reads a string list from context: an array in cdk.json, or JSON / comma-separated text from `-c`. */
function readStringList(app: App, key: string): string[] {
  const value: unknown = app.node.tryGetContext(key);
  const list = typeof value === 'string' ? parseListText(value) : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((item) => typeof item === 'string' && item !== '')) {
    throw new Error(`context '${key}' must be a non-empty list of strings, got ${JSON.stringify(value)}`);
  }
  return list;
}

function parseListText(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) return JSON.parse(trimmed) as unknown;
  return trimmed
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

const app = new App();

// No `env`: the stack stays account- and region-agnostic, so `cdk synth` works offline.
new TrustFlowStack(app, 'TrustFlowStack', {
  description: 'TrustFlow: KYC/KYB and trade-assurance back end',
  browserOrigins: readStringList(app, browserOriginsContext),
});

// cdk-nag 3 runs as a policy-validation plugin: any unacknowledged AwsSolutions finding fails synthesis.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));

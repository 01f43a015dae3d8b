import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { TrustFlowStack } from '../../../infra/trustflow-stack';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** The browser origins the infra tests deploy with. */
export const testBrowserOrigins = ['https://app.example.com'];

/**
 * A CDK app with cdk.json's context (feature flags), as `cdk synth` builds it. Bundling the 60-odd functions
 * with esbuild takes about a minute, and the template does not depend on the bundles, so the suites that read
 * the template skip it (`aws:cdk:bundling-stacks: []`); the cdk-nag suite bundles every function as
 * `cdk synth` does, so an entry that does not bundle still fails the tests.
 */
export function createTestApp({ bundle = false }: { bundle?: boolean } = {}): App {
  const { context } = JSON.parse(readFileSync(path.join(repoRoot, 'cdk.json'), 'utf8')) as { context: object };
  return new App({ context: { ...context, ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) } });
}

/** Adds the TrustFlow stack to an app, as infra/app.ts does. */
export function addTestStack(app: App): TrustFlowStack {
  return new TrustFlowStack(app, 'TrustFlowStack', { browserOrigins: testBrowserOrigins });
}

/** Synthesizes the stack and its template. */
export function synthesizeStack(): { stack: TrustFlowStack; template: Template } {
  const stack = addTestStack(createTestApp());
  return { stack, template: Template.fromStack(stack) };
}

/** The CloudFormation logical id of a construct's default resource, to find it in the template. */
export function logicalIdOf(stack: TrustFlowStack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as Parameters<TrustFlowStack['getLogicalId']>[0]);
}

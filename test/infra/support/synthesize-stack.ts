import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { TrustFlowStack } from '../../../infra/trustflow-stack';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** The browser origins the infra tests deploy with. */
export const testBrowserOrigins = ['https://app.example.com'];

/** A CDK app with cdk.json's context (feature flags), as `cdk synth` builds it. */
export function createTestApp(): App {
  const { context } = JSON.parse(readFileSync(path.join(repoRoot, 'cdk.json'), 'utf8')) as { context: object };
  return new App({ context });
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

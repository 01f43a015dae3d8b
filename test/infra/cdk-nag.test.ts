import { App, Validations, type PolicyViolation } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import type { TrustFlowStack } from '../../infra/trustflow-stack';
import { addTestStack, createTestApp } from './support/synthesize-stack';

/*
 * cdk-nag 3 is a CDK policy-validation plugin (Validations.of(app).addPlugins), not an Aspect, and it
 * reports through the validation report rather than Annotations. The pack's `validateScope` is its
 * documented entry point for tests; the last test also runs it the way `cdk synth` does.
 */

/** Builds the app as infra/app.ts does, with the AwsSolutions pack registered. */
function buildApp(): { app: App; stack: TrustFlowStack } {
  const app = createTestApp({ bundle: true });
  const stack = addTestStack(app);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
}

/** One line per finding, so a failing test says what to fix and where. */
function describeFindings(violations: PolicyViolation[]): string[] {
  return violations.flatMap((violation) =>
    violation.violatingResources.map(
      (resource) => `${violation.ruleName} at ${resource.constructPath ?? '?'}: ${violation.description}`,
    ),
  );
}

let app: App;
let stack: TrustFlowStack;
let violations: PolicyViolation[];

beforeAll(() => {
  ({ app, stack } = buildApp());
  violations = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack).violations;
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged errors', () => {
    // Act
    const errors = describeFindings(violations.filter((violation) => violation.severity === 'error'));

    // Assess
    expect(errors).toEqual([]);
  });

  it('reports no unacknowledged warnings', () => {
    // Act
    const warnings = describeFindings(violations.filter((violation) => violation.severity !== 'error'));

    // Assess
    expect(warnings).toEqual([]);
  });

  it('gives every acknowledgement a reason', () => {
    // Act
    const withoutReason = acknowledgementsIn(stack)
      .filter((ack) => ack.reason.trim().length < 20)
      .map((ack) => `${ack.id} at ${ack.path}`);

    // Assess
    expect(withoutReason).toEqual([]);
  });

  it('has no stale acknowledgement: each one still matches a real finding', () => {
    // Prepare: the same pack, blind to acknowledgements, to see every raw finding.
    const blindPack = new AwsSolutionsChecks();
    expect(typeof (blindPack as unknown as { isAcknowledged: unknown }).isAcknowledged).toBe('function');
    Object.assign(blindPack, { isAcknowledged: () => false });
    const raw = blindPack.validateScope(stack).violations.flatMap((violation) =>
      violation.violatingResources.map((resource) => ({
        rule: violation.ruleName,
        path: resource.constructPath ?? '',
      })),
    );

    // Act
    const stale = acknowledgementsIn(stack)
      .filter((ack) => !raw.some((finding) => finding.rule === ack.id && isAtOrBelow(finding.path, ack.path)))
      .map((ack) => `${ack.id} at ${ack.path}`);

    // Assess
    expect(stale).toEqual([]);
  });

  it('lets `cdk synth` pass with the pack registered as a validation plugin', () => {
    // Act / Assess: synthesis runs the registered pack and throws ValidationFailed on any finding.
    expect(() => app.synth()).not.toThrow();
  });
});

interface Acknowledgement {
  id: string;
  reason: string;
  path: string;
}

/** Every acknowledgement recorded with Validations.of(...).acknowledge under `scope`. */
function acknowledgementsIn(scope: IConstruct): Acknowledgement[] {
  return scope.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([key, reason]) => ({
          id: key.replace(/^annotation::/i, ''),
          reason,
          path: construct.node.path,
        })),
      ),
  );
}

function isAtOrBelow(findingPath: string, scopePath: string): boolean {
  return findingPath === scopePath || findingPath.startsWith(`${scopePath}/`);
}

import { Match, type Template } from 'aws-cdk-lib/assertions';
import { documentsBucketSettings } from '../../functions/commons/storage/bucket-settings';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ArnFormat } from 'aws-cdk-lib';
import { workflowCatalog, workflowName, type WorkflowId } from '../../functions/commons/workflows';
import { listFunctions, type FunctionAccess, type FunctionId } from '../../functions/function-catalog';
import { functionBaseEnvironment } from '../../infra/function-bundling';
import { defaultPayoutProviderUrl, payoutProviderFunctionIds } from '../../infra/constructs/payout-provider-settings';
import type { TrustFlowStack } from '../../infra/trustflow-stack';
import { logicalIdOf, synthesizeStack } from './support/synthesize-stack';

let stack: TrustFlowStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = synthesizeStack());
});

/** One allowed action on one resource, flattened out of every policy attached to a function's role. */
interface Permission {
  action: string;
  resource: unknown;
}

/** Everything a catalogue function's role is allowed to do, from inline policies and managed policies. */
function permissionsOf(functionId: FunctionId): Permission[] {
  const role = stack.functions.get(functionId).role!;
  const roleId = logicalIdOf(stack, role);
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleId }]) },
  });
  const permissions: Permission[] = [];
  for (const policy of Object.values(policies)) {
    for (const statement of policy.Properties.PolicyDocument.Statement as Record<string, unknown>[]) {
      if (statement.Effect !== 'Allow') continue;
      for (const action of [statement.Action].flat() as string[]) {
        for (const resource of [statement.Resource].flat()) permissions.push({ action, resource });
      }
    }
  }
  return permissions;
}

function actionsOf(functionId: FunctionId): string[] {
  return [...new Set(permissionsOf(functionId).map((permission) => permission.action))].sort();
}

/** The ARN pattern CloudFormation builds for `<bucket ARN>/<suffix>`. */
function bucketObjects(suffix: string): unknown {
  return {
    'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalIdOf(stack, stack.documentIntake.bucket), 'Arn'] }, `/${suffix}`]],
  };
}

describe.each(listFunctions().map((definition) => [definition.id, definition] as const))(
  'catalogue function %s',
  (functionId, definition) => {
    let properties: Record<string, unknown>;

    beforeAll(() => {
      properties = template.findResources('AWS::Lambda::Function')[
        logicalIdOf(stack, stack.functions.get(functionId as FunctionId))
      ]!.Properties as Record<string, unknown>;
    });

    it('runs Node.js 22 on arm64 with active tracing', () => {
      // Assess
      expect(properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        Description: definition.description,
        MemorySize: definition.memorySize ?? 512,
        Timeout: definition.timeoutSeconds ?? 10,
      });
    });

    it('knows the table, the buckets it may use and the shared base environment', () => {
      // Prepare
      const screeningBucket = { Ref: logicalIdOf(stack, stack.screeningLists.bucket) };
      const started: readonly WorkflowId[] = (definition.access as FunctionAccess).workflows?.start ?? [];
      // a workflow that runs this very function is known by its fixed name (no circular reference)
      const runsFunction = (id: WorkflowId) =>
        readFileSync(path.join('state-machines', workflowCatalog[id].file), 'utf8').includes(
          `\${${functionId}FunctionArn}`,
        );
      const workflowArns = Object.fromEntries(
        started.map((id: WorkflowId) => [
          workflowCatalog[id].arnVariable,
          runsFunction(id)
            ? stack.resolve(
                stack.formatArn({
                  service: 'states',
                  resource: 'stateMachine',
                  resourceName: `${stack.stackName}-${workflowName(workflowCatalog[id])}`,
                  arnFormat: ArnFormat.COLON_RESOURCE_NAME,
                }),
              )
            : { Ref: logicalIdOf(stack, stack.workflows.get(id)) },
        ]),
      );

      // Assess
      expect(properties.Environment).toEqual({
        Variables: {
          ...functionBaseEnvironment,
          TABLE_NAME: { Ref: logicalIdOf(stack, stack.dataStore.table) },
          DOCUMENTS_BUCKET: { Ref: logicalIdOf(stack, stack.documentIntake.bucket) },
          // the screening bucket holds the index artifacts and monitoring's objects alike
          ...('screening' in definition.access || 'monitoring' in definition.access
            ? { SCREENING_BUCKET: screeningBucket }
            : {}),
          ...workflowArns,
          ...(payoutProviderFunctionIds.includes(definition.id)
            ? {
                PAYOUT_PROVIDER_URL: defaultPayoutProviderUrl,
                PAYOUT_PROVIDER_API_KEY_SECRET_ARN: { Ref: logicalIdOf(stack, stack.payoutProvider.apiKeySecret!) },
              }
            : {}),
        },
      });
    });

    it('logs to its own log group with a retention', () => {
      // Prepare
      const logGroupRef = (properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;

      // Act
      const logGroup = template.findResources('AWS::Logs::LogGroup')[logGroupRef];

      // Assess
      expect(logGroup?.Properties.RetentionInDays).toEqual(expect.any(Number));
    });

    it('may write only to its own log group, with no AWS managed policy', () => {
      // Prepare
      const logGroupRef = (properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      const roleId = logicalIdOf(stack, stack.functions.get(functionId as FunctionId).role!);

      // Act
      const logPermissions = permissionsOf(functionId as FunctionId).filter((p) => p.action.startsWith('logs:'));
      const role = template.findResources('AWS::IAM::Role')[roleId];

      // Assess
      expect(logPermissions.map((p) => p.action).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
      for (const permission of logPermissions) {
        expect(permission.resource).toEqual({ 'Fn::GetAtt': [logGroupRef, 'Arn'] });
      }
      expect(role?.Properties.ManagedPolicyArns).toBeUndefined();
    });
  },
);

it('creates no log-retention custom resource (every log group is explicit)', () => {
  // Act / Assess
  template.resourceCountIs('Custom::LogRetention', 0);
});

describe('least-privilege grants', () => {
  it('getKycCase reads the table but cannot write it or touch documents', () => {
    // Act
    const actions = actionsOf('getKycCase');

    // Assess
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'kms:Decrypt']));
    for (const forbidden of [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
    ]) {
      expect(actions).not.toContain(forbidden);
    }
    expect(actions.filter((action) => action.startsWith('s3:'))).toEqual([]);
  });

  it('getKycCase may decrypt with the table key only, not the documents key', () => {
    // Prepare
    const documentsKey = { 'Fn::GetAtt': [logicalIdOf(stack, stack.documentIntake.key), 'Arn'] };
    const tableKey = { 'Fn::GetAtt': [logicalIdOf(stack, stack.dataStore.key), 'Arn'] };

    // Act
    const kmsResources = permissionsOf('getKycCase')
      .filter((permission) => permission.action.startsWith('kms:'))
      .map((permission) => permission.resource);

    // Assess
    expect(kmsResources).toContainEqual(tableKey);
    expect(kmsResources).not.toContainEqual(documentsKey);
  });

  it('getOpenApiDocument has no table, bucket or KMS permissions', () => {
    // Act
    const actions = actionsOf('getOpenApiDocument');

    // Assess
    expect(actions.filter((action) => /^(dynamodb|s3|kms):/.test(action))).toEqual([]);
  });

  it('createKycCase writes the table but cannot touch documents', () => {
    // Act
    const actions = actionsOf('createKycCase');

    // Assess
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query']));
    expect(actions.filter((action) => action.startsWith('s3:'))).toEqual([]);
  });

  it('requestDocumentUpload may put objects under the KYC prefix, but not read or delete them', () => {
    // Prepare
    const kycObjects = bucketObjects(`${documentsBucketSettings.kycPrefix}*`);

    // Act
    const s3Permissions = permissionsOf('requestDocumentUpload').filter((p) => p.action.startsWith('s3:'));

    // Assess
    expect(s3Permissions).toContainEqual({ action: 's3:PutObject', resource: kycObjects });
    expect(
      s3Permissions.every((permission) => JSON.stringify(permission.resource) === JSON.stringify(kycObjects)),
    ).toBe(true);
    expect(s3Permissions.map((p) => p.action)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^s3:(GetObject|DeleteObject)/)]),
    );
    expect(actionsOf('requestDocumentUpload')).toEqual(expect.arrayContaining(['kms:GenerateDataKey*']));
  });

  it('processDocumentUpload may read and delete (incl. versions) objects under the KYC prefix, but not put', () => {
    // Prepare
    const kycObjects = bucketObjects(`${documentsBucketSettings.kycPrefix}*`);

    // Act
    const s3Permissions = permissionsOf('processDocumentUpload').filter((p) => p.action.startsWith('s3:'));

    // Assess
    expect(s3Permissions).toContainEqual({ action: 's3:GetObject*', resource: kycObjects });
    expect(s3Permissions).toContainEqual({ action: 's3:DeleteObject*', resource: kycObjects });
    expect(s3Permissions.map((p) => p.action)).not.toContain('s3:PutObject');
    expect(actionsOf('processDocumentUpload')).toEqual(expect.arrayContaining(['kms:Decrypt', 'dynamodb:UpdateItem']));
  });
});

import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { TrustFlowStack } from '../../infra/trustflow-stack';
import { logicalIdOf, synthesizeStack } from './support/synthesize-stack';

let stack: TrustFlowStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = synthesizeStack());
});

/** Every S3 action a function's role is granted on the screening bucket's objects. */
function screeningObjectActions(functionId: 'searchScreening' | 'refreshScreeningLists'): string[] {
  const roleId = logicalIdOf(stack, stack.functions.get(functionId).role!);
  const bucketId = logicalIdOf(stack, stack.screeningLists.bucket);
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleId }]) },
  });
  const actions: string[] = [];
  for (const policy of Object.values(policies)) {
    for (const statement of policy.Properties.PolicyDocument.Statement as Record<string, unknown>[]) {
      if (!JSON.stringify(statement.Resource).includes(bucketId)) continue;
      actions.push(...([] as string[]).concat(statement.Action as string | string[]));
    }
  }
  return actions;
}

describe('screening lists', () => {
  it('keeps artifacts in a versioned, SSL-only, private bucket with access logs', () => {
    // Act
    const bucket = template.findResources('AWS::S3::Bucket')[logicalIdOf(stack, stack.screeningLists.bucket)];

    // Assess
    expect(bucket?.Properties).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: { LogFilePrefix: 'screening/' },
    });
  });

  it('runs the refresh function daily through EventBridge Scheduler, with retries and a dead-letter queue', () => {
    // Prepare
    const refreshId = logicalIdOf(stack, stack.functions.get('refreshScreeningLists'));

    // Assess
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 5 * * ? *)',
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [refreshId, 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 2 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalIdOf(stack, stack.screeningLists.deadLetterQueue!), 'Arn'] } },
      },
    });
  });

  it('raises an alarm when a refresh fails', () => {
    // Prepare
    const refreshId = logicalIdOf(stack, stack.functions.get('refreshScreeningLists'));

    // Assess
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: refreshId } }],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
    });
  });

  it('lets the search function only read artifacts, and the refresh function publish them', () => {
    // Act
    const search = screeningObjectActions('searchScreening');
    const refresh = screeningObjectActions('refreshScreeningLists');

    // Assess
    expect(search).toEqual(expect.arrayContaining(['s3:GetObject*']));
    expect(search.filter((action) => /Put|Delete|Abort/.test(action))).toEqual([]);
    expect(refresh).toEqual(expect.arrayContaining(['s3:GetObject*', 's3:PutObject']));
  });

  it('routes POST /screening/search to the search function for reviewers and admins', () => {
    // Assess
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'POST /screening/search',
      AuthorizationType: 'JWT',
    });
  });
});

import type { Template } from 'aws-cdk-lib/assertions';
import type { Trigger } from 'aws-cdk-lib/triggers';
import type { IConstruct } from 'constructs';
import { rescreenPrefixes } from '../../functions/screening/repositories/monitored-name-shards';
import { rescreenObjectsPrefix } from '../../infra/constructs/ongoing-monitoring';
import type { TrustFlowStack } from '../../infra/trustflow-stack';
import { logicalIdOf, synthesizeStack } from './support/synthesize-stack';

let stack: TrustFlowStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = synthesizeStack());
});

/** A template value as text, `{ Ref: 'AWS::Region' }` as `<AWS::Region>` and `Fn::GetAtt` as `<Id.Attribute>`. */
function flatten(node: unknown): string {
  if (typeof node === 'string') return node;
  const value = node as { 'Fn::Join'?: [string, unknown[]]; Ref?: string; 'Fn::GetAtt'?: [string, string] };
  if (value['Fn::Join']) return value['Fn::Join'][1].map(flatten).join(value['Fn::Join'][0]);
  if (value.Ref) return `<${value.Ref}>`;
  if (value['Fn::GetAtt']) return `<${value['Fn::GetAtt'].join('.')}>`;
  throw new Error(`cannot flatten ${JSON.stringify(node)}`);
}

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

/** Every statement of the policies attached to a role, actions and resources as sorted text. */
function statementsOfRole(
  roleId: string,
): { effect: string; actions: string[]; resources: string[]; condition?: unknown }[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as { Ref?: string }[]).some((role) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[])
    .map((statement) => ({
      effect: statement.Effect,
      actions: [statement.Action].flat().sort(),
      resources: [statement.Resource].flat().map(flatten).sort(),
      ...(statement.Condition ? { condition: statement.Condition } : {}),
    }));
}

/** The re-screen state machine's logical id, role id and (fixed) name. */
function rescreenStateMachine(): { id: string; roleId: string; name: string } {
  const stateMachine = stack.workflows.get('monitoringRescreen');
  const id = logicalIdOf(stack, stateMachine);
  const name = template.findResources('AWS::StepFunctions::StateMachine')[id]?.Properties.StateMachineName as string;
  return { id, roleId: logicalIdOf(stack, stateMachine.role), name };
}

/** The logical id of a trigger's custom resource (the trigger's default child is a CustomResource construct). */
function triggerIdOf(trigger: Trigger): string {
  return logicalIdOf(stack, trigger.node.defaultChild as IConstruct);
}

const statesArn = 'arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>';

describe('Ongoing monitoring: the hourly screening of list changes', () => {
  it('runs monitorListChanges every hour through EventBridge Scheduler, with retries and a dead-letter queue', () => {
    // Prepare
    const monitorId = logicalIdOf(stack, stack.functions.get('monitorListChanges'));
    const deadLettersId = logicalIdOf(stack, stack.ongoingMonitoring.listChangeDeadLetterQueue);
    const scheduleId = logicalIdOf(stack, stack.ongoingMonitoring.listChangeSchedule);

    // Act
    const schedule = template.findResources('AWS::Scheduler::Schedule')[scheduleId];
    const roleId = (schedule?.Properties.Target.RoleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

    // Assess
    expect(schedule?.Properties).toMatchObject({
      ScheduleExpression: 'cron(30 * * * ? *)',
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [monitorId, 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 1800 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [deadLettersId, 'Arn'] } },
      },
    });
    expect(template.findResources('AWS::IAM::Role')[roleId]?.Properties.AssumeRolePolicyDocument).toMatchObject({
      Statement: [expect.objectContaining({ Principal: { Service: 'scheduler.amazonaws.com' } })],
    });
  });

  it('raises an alarm when a monitoring run fails', () => {
    // Prepare
    const monitorId = logicalIdOf(stack, stack.functions.get('monitorListChanges'));
    const alarmId = logicalIdOf(stack, stack.ongoingMonitoring.listChangeFailedAlarm);

    // Assess
    expect(template.findResources('AWS::CloudWatch::Alarm')[alarmId]?.Properties).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: monitorId } }],
      Period: 3600,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
      TreatMissingData: 'notBreaching',
      AlarmDescription: expect.stringMatching(/next hourly run tries the same change again/),
    });
  });
});

describe('Ongoing monitoring: the monitored-name backfill', () => {
  it('runs backfillMonitoredNames during each deploy in which it changed, after the table and the party facts', () => {
    // Prepare
    const backfillId = logicalIdOf(stack, stack.functions.get('backfillMonitoredNames'));
    const tableId = logicalIdOf(stack, stack.dataStore.table);
    const partyFactsTriggerId = triggerIdOf(stack.partyFactsMigration.trigger);
    const versions = template.findResources('AWS::Lambda::Version');

    // Act: the triggers that invoke a version of the backfill function
    const triggers = Object.values(template.findResources('Custom::Trigger')).filter(
      (trigger) =>
        versions[(trigger.Properties.HandlerArn as { Ref: string }).Ref]?.Properties.FunctionName.Ref === backfillId,
    );

    // Assess
    expect(triggers).toHaveLength(1);
    const [trigger] = triggers;
    expect(trigger?.Properties).toMatchObject({
      InvocationType: 'RequestResponse',
      ExecuteOnHandlerChange: true,
      Timeout: String(15 * 60 * 1000),
    });
    expect(trigger?.DependsOn).toEqual(expect.arrayContaining([tableId, partyFactsTriggerId]));
  });

  it('creates the hourly schedule only once the backfill has run, so no run screens a half-filled index', () => {
    // Prepare
    const scheduleId = logicalIdOf(stack, stack.ongoingMonitoring.listChangeSchedule);
    const triggerId = triggerIdOf(stack.ongoingMonitoring.backfill.trigger);

    // Assess
    expect(template.findResources('AWS::Scheduler::Schedule')[scheduleId]?.DependsOn).toEqual(
      expect.arrayContaining([triggerId]),
    );
  });
});

describe('Ongoing monitoring: the full re-screen (Distributed Map)', () => {
  it('lets the re-screen start its child executions of its own state machine, and describe and stop only its own executions', () => {
    // Prepare
    const { roleId, name } = rescreenStateMachine();

    // Act
    const statements = statementsOfRole(roleId).filter((statement) =>
      statement.actions.some((action) => action.startsWith('states:')),
    );

    // Assess
    expect(name).toBe('TrustFlowStack-monitoring-rescreen');
    expect(statements).toEqual([
      { effect: 'Allow', actions: ['states:StartExecution'], resources: [`${statesArn}:stateMachine:${name}`] },
      {
        effect: 'Allow',
        actions: ['states:DescribeExecution', 'states:StopExecution'],
        resources: [`${statesArn}:execution:${name}/*`, `${statesArn}:execution:${name}:*`],
      },
    ]);
  });

  it('lets the re-screen list, read and write only under monitoring/rescreen/ of the screening bucket', () => {
    // Prepare
    const { roleId } = rescreenStateMachine();
    const bucketArn = `<${logicalIdOf(stack, stack.screeningLists.bucket)}.Arn>`;

    // Act
    const statements = statementsOfRole(roleId).filter((statement) =>
      statement.actions.some((action) => action.startsWith('s3:') || action.startsWith('kms:')),
    );

    // Assess
    expect(statements).toEqual([
      {
        effect: 'Allow',
        actions: ['s3:ListBucket'],
        resources: [bucketArn],
        condition: { StringLike: { 's3:prefix': ['monitoring/rescreen/*'] } },
      },
      {
        effect: 'Allow',
        actions: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:PutObject'],
        resources: [`${bucketArn}/monitoring/rescreen/*`],
      },
    ]);
  });

  it('grants the prefix under which the re-screen functions put the name shards and the results', () => {
    // Act
    const prefixes = rescreenPrefixes('rescreen-0123456789ab-2026010112');

    // Assess
    expect(rescreenObjectsPrefix).toBe('monitoring/rescreen/');
    expect(prefixes.names.startsWith(rescreenObjectsPrefix)).toBe(true);
    expect(prefixes.results.startsWith(rescreenObjectsPrefix)).toBe(true);
  });

  it('starts no execution before the role has the Distributed Map permissions', () => {
    // Prepare
    const { id } = rescreenStateMachine();
    const policyId = logicalIdOf(stack, stack.ongoingMonitoring.rescreenPolicy);

    // Assess
    expect(template.findResources('AWS::StepFunctions::StateMachine')[id]?.DependsOn).toEqual(
      expect.arrayContaining([policyId]),
    );
  });

  it('raises an alarm when a re-screen execution fails or times out', () => {
    // Prepare
    const { id } = rescreenStateMachine();
    const alarms = template.findResources('AWS::CloudWatch::Alarm');

    // Assess
    for (const [alarm, metricName] of [
      [stack.workflows.failedAlarm('monitoringRescreen'), 'ExecutionsFailed'],
      [stack.ongoingMonitoring.rescreenTimedOutAlarm, 'ExecutionsTimedOut'],
    ] as const) {
      expect(alarms[logicalIdOf(stack, alarm)]?.Properties).toMatchObject({
        Namespace: 'AWS/States',
        MetricName: metricName,
        Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: id } }],
        Statistic: 'Sum',
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
        TreatMissingData: 'notBreaching',
      });
    }
  });
});

describe('Ongoing monitoring: what its functions may touch in the screening bucket', () => {
  it('gives the monitoring functions monitoring/ of the screening bucket, and the others none of it', () => {
    // Prepare
    const bucketArn = `<${logicalIdOf(stack, stack.screeningLists.bucket)}.Arn>`;
    const grantsOf = (functionId: string) =>
      statementsOfRole(logicalIdOf(stack, stack.functions.get(functionId as never).role!)).flatMap(
        (statement) => statement.resources,
      );

    // Act
    const writers = ['monitorListChanges', 'exportMonitoredNames', 'completeMonitoringRescreen'].map(grantsOf);
    const reader = grantsOf('screenMonitoredShards');
    const searcher = grantsOf('searchScreening');

    // Assess
    for (const resources of [...writers, reader]) expect(resources).toContain(`${bucketArn}/monitoring/*`);
    expect(searcher).not.toContain(`${bucketArn}/monitoring/*`);
    expect(searcher).toContain(`${bucketArn}/index/*`);
  });
});

describe('Periodic review: the daily run', () => {
  it('runs runPeriodicReviews daily through EventBridge Scheduler, and raises an alarm when it fails', () => {
    // Prepare
    const runId = logicalIdOf(stack, stack.functions.get('runPeriodicReviews'));
    const scheduleId = logicalIdOf(stack, stack.ongoingMonitoring.periodicReviewSchedule);
    const alarmId = logicalIdOf(stack, stack.ongoingMonitoring.periodicReviewFailedAlarm);

    // Act
    const schedule = template.findResources('AWS::Scheduler::Schedule')[scheduleId];
    const alarm = template.findResources('AWS::CloudWatch::Alarm')[alarmId];

    // Assess
    expect(schedule?.Properties).toMatchObject({
      ScheduleExpression: 'cron(15 2 * * ? *)',
      State: 'ENABLED',
      Target: { Arn: { 'Fn::GetAtt': [runId, 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 2 } },
    });
    expect(alarm?.Properties).toMatchObject({
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: runId } }],
      AlarmDescription: expect.stringMatching(/periodic KYC review failed/),
    });
  });
});

import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { TrustFlowStack } from '../../infra/trustflow-stack';
import { logicalIdOf, synthesizeStack } from './support/synthesize-stack';

let stack: TrustFlowStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = synthesizeStack());
});

/** The statements of the policies attached to a role, by the role's logical id. */
function statementsOfRole(roleId: string): unknown[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as unknown[]).some((role) => JSON.stringify(role).includes(roleId)))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as unknown[]);
}

describe('Webhook dispatch', () => {
  it('hands the table stream’s outbox INSERTs to the dispatch function, with bounded retries and a failure queue', () => {
    // Prepare
    const dispatchId = logicalIdOf(stack, stack.functions.get('dispatchAnnouncedEvents'));
    const tableId = logicalIdOf(stack, stack.dataStore.table);
    const streamFailuresId = logicalIdOf(stack, stack.webhookDispatch.streamFailures);

    // Act
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).filter(
      (mapping) => mapping.Properties.FunctionName.Ref === dispatchId,
    );

    // Assess
    expect(mappings).toHaveLength(1);
    const [mapping] = mappings;
    expect(mapping?.Properties).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [tableId, 'StreamArn'] },
      StartingPosition: 'LATEST',
      BatchSize: 100,
      MaximumRetryAttempts: 2,
      BisectBatchOnFunctionError: true,
      MaximumRecordAgeInSeconds: 3600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [streamFailuresId, 'Arn'] } } },
    });
    const patterns = (mapping?.Properties.FilterCriteria.Filters as { Pattern: string }[]).map((filter) =>
      JSON.parse(filter.Pattern),
    );
    expect(patterns).toEqual([
      { eventName: ['INSERT'], dynamodb: { NewImage: { gsi1pk: { S: [{ prefix: 'OUTBOX#' }] } } } },
    ]);
  });

  it('lets the dispatch function read the table stream and send to its failure queue', () => {
    // Prepare
    const roleId = logicalIdOf(stack, stack.functions.get('dispatchAnnouncedEvents').role!);
    const tableId = logicalIdOf(stack, stack.dataStore.table);
    const streamFailuresId = logicalIdOf(stack, stack.webhookDispatch.streamFailures);

    // Act
    const statements = statementsOfRole(roleId);

    // Assess
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Effect: 'Allow',
          Action: expect.arrayContaining([
            'dynamodb:DescribeStream',
            'dynamodb:GetRecords',
            'dynamodb:GetShardIterator',
          ]),
          Resource: { 'Fn::GetAtt': [tableId, 'StreamArn'] },
        }),
        expect.objectContaining({
          Effect: 'Allow',
          Action: expect.arrayContaining(['sqs:SendMessage']),
          Resource: { 'Fn::GetAtt': [streamFailuresId, 'Arn'] },
        }),
      ]),
    );
  });

  it('keeps the stream failure queue encrypted, TLS-only, for 14 days, and alarms when it holds a message', () => {
    // Prepare
    const streamFailuresId = logicalIdOf(stack, stack.webhookDispatch.streamFailures);

    // Assess
    expect(template.findResources('AWS::SQS::Queue')[streamFailuresId]?.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: streamFailuresId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [streamFailuresId, 'QueueName'] } }],
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
    });
  });

  it('runs the sweep every minute through EventBridge Scheduler, with a role of its own and a dead-letter queue', () => {
    // Prepare
    const sweepId = logicalIdOf(stack, stack.functions.get('sweepWebhookDeliveries'));
    const deadLettersId = logicalIdOf(stack, stack.webhookDispatch.sweepDeadLetterQueue);
    const scheduleId = logicalIdOf(stack, stack.webhookDispatch.sweepSchedule);

    // Act
    const schedule = template.findResources('AWS::Scheduler::Schedule')[scheduleId];
    const roleId = (schedule?.Properties.Target.RoleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

    // Assess
    expect(schedule?.Properties).toMatchObject({
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [sweepId, 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [deadLettersId, 'Arn'] } },
      },
    });
    expect(template.findResources('AWS::IAM::Role')[roleId]?.Properties.AssumeRolePolicyDocument).toMatchObject({
      Statement: [expect.objectContaining({ Principal: { Service: 'scheduler.amazonaws.com' } })],
    });
  });

  it('counts the dead deliveries both functions log, and alarms on one', () => {
    // Prepare
    const logGroupIds = (['dispatchAnnouncedEvents', 'sweepWebhookDeliveries'] as const).map((id) =>
      logicalIdOf(stack, stack.functions.get(id).logGroup),
    );

    // Act
    const filters = Object.values(template.findResources('AWS::Logs::MetricFilter')).filter((filter) =>
      (filter.Properties.MetricTransformations as { MetricName: string }[]).some(
        (transformation) => transformation.MetricName === 'WebhookDeliveriesDead',
      ),
    );

    // Assess
    expect(filters.map((filter) => filter.Properties.LogGroupName)).toEqual(
      logGroupIds.map((logGroupId) => ({ Ref: logGroupId })),
    );
    for (const filter of filters) {
      expect(filter.Properties).toMatchObject({
        FilterPattern: '{ $.message = "webhook delivery dead" }',
        MetricTransformations: [
          { MetricNamespace: 'TrustFlow', MetricName: 'WebhookDeliveriesDead', MetricValue: '1' },
        ],
      });
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'TrustFlow',
      MetricName: 'WebhookDeliveriesDead',
      Statistic: 'Sum',
      Period: 300,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
      TreatMissingData: 'notBreaching',
      AlarmDescription: Match.stringLikeRegexp('deliveries\\?status=DEAD.*deliveries/\\{deliveryId\\}/retry'),
    });
  });

  it('raises an alarm when either function reports an error', () => {
    // Prepare
    const functionIds = (['dispatchAnnouncedEvents', 'sweepWebhookDeliveries'] as const).map((id) =>
      logicalIdOf(stack, stack.functions.get(id)),
    );

    // Assess
    for (const functionId of functionIds) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'Errors',
        Namespace: 'AWS/Lambda',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId } }],
        Threshold: 0,
        TreatMissingData: 'notBreaching',
      });
    }
  });
});

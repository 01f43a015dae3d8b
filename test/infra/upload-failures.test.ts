import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { TrustFlowStack } from '../../infra/trustflow-stack';
import { logicalIdOf, synthesizeStack } from './support/synthesize-stack';

let stack: TrustFlowStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = synthesizeStack());
});

describe('failed upload checks', () => {
  it('retry twice, then land in an encrypted, SSL-only queue kept for 14 days', () => {
    // Prepare
    const queueId = logicalIdOf(stack, stack.documentIntake.failedChecksQueue!);
    const functionId = logicalIdOf(stack, stack.functions.get('processDocumentUpload'));

    // Act
    const invokeConfigs = template.findResources('AWS::Lambda::EventInvokeConfig');

    // Assess
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 86_400,
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      }),
    });
    const configs = Object.values(invokeConfigs);
    expect(configs).toHaveLength(1);
    expect(configs[0]?.Properties).toMatchObject({
      FunctionName: { Ref: functionId },
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 6 * 3600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
    });
  });

  it('raise an alarm as soon as the queue holds a message', () => {
    // Prepare
    const queueId = logicalIdOf(stack, stack.documentIntake.failedChecksQueue!);

    // Act / Assess
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
    });
  });

  it('let the upload function send to that queue and nothing else gets it', () => {
    // Prepare
    const queueId = logicalIdOf(stack, stack.documentIntake.failedChecksQueue!);
    const policies = template.findResources('AWS::IAM::Policy');

    // Act
    const sendersOf = Object.entries(policies)
      .filter(
        ([, policy]) => JSON.stringify(policy).includes(queueId) && JSON.stringify(policy).includes('sqs:SendMessage'),
      )
      .map(([, policy]) => JSON.stringify(policy.Properties.Roles));

    // Assess
    expect(sendersOf).toHaveLength(1);
    expect(sendersOf[0]).toContain('processDocumentUpload');
  });
});

import type { Template } from 'aws-cdk-lib/assertions';
import type { TrustFlowStack } from '../../infra/trustflow-stack';
import { logicalIdOf, synthesizeStack } from './support/synthesize-stack';

let stack: TrustFlowStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = synthesizeStack());
});

describe('Trade Assurance recompute schedule', () => {
  it('runs the recompute function daily through EventBridge Scheduler, with retries and a dead-letter queue', () => {
    // Prepare
    const recomputeId = logicalIdOf(stack, stack.functions.get('recomputeTradeAssuranceSchedule'));
    const deadLettersId = logicalIdOf(stack, stack.tradeAssuranceSchedule.deadLetterQueue);

    // Assess
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(15 0 * * ? *)',
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [recomputeId, 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 2 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [deadLettersId, 'Arn'] } },
      },
    });
  });

  it('lets only the scheduler invoke it, through a role of its own', () => {
    // Prepare
    const scheduleId = logicalIdOf(stack, stack.tradeAssuranceSchedule.schedule);
    const schedule = template.findResources('AWS::Scheduler::Schedule')[scheduleId];
    const roleId = (schedule?.Properties.Target.RoleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

    // Assess
    expect(template.findResources('AWS::IAM::Role')[roleId]?.Properties.AssumeRolePolicyDocument).toMatchObject({
      Statement: [expect.objectContaining({ Principal: { Service: 'scheduler.amazonaws.com' } })],
    });
  });

  it('raises an alarm when a run fails', () => {
    // Prepare
    const recomputeId = logicalIdOf(stack, stack.functions.get('recomputeTradeAssuranceSchedule'));

    // Assess
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: recomputeId } }],
      Threshold: 0,
    });
  });
});

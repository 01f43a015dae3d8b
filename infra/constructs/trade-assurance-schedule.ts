import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeNagRule, nagAttributeReference } from './nag';

/** Properties of {@link TradeAssuranceSchedule}. */
export interface TradeAssuranceScheduleProps {
  /** The function that recomputes every supplier's Trade Assurance (`recomputeTradeAssuranceSchedule`). */
  readonly recompute: IFunction;
}

/**
 * The daily recompute of every supplier's Trade Assurance qualification and amount, through EventBridge
 * Scheduler: just after midnight UTC, as the local stack runs it when its clock crosses a day boundary.
 * A failed run is retried, then dead-lettered, and raises an alarm.
 */
export class TradeAssuranceSchedule extends Construct {
  /** The schedule. */
  readonly schedule: Schedule;
  /** Invocations that failed after the scheduler's retries. */
  readonly deadLetterQueue: Queue;
  /** In alarm when a run failed (a supplier could not be recomputed, or the listing failed). */
  readonly failedAlarm: Alarm;

  constructor(scope: Construct, id: string, props: TradeAssuranceScheduleProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledgeNagRule(
      this.deadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue of the recompute schedule; it is inspected by an operator.',
    );
    // An own role rather than the stack-wide one the targets module would share between schedules.
    const role = new Role(this, 'SchedulerRole', { assumedBy: new ServicePrincipal('scheduler.amazonaws.com') });
    this.schedule = new Schedule(this, 'Daily', {
      description: "Recomputes every supplier's Trade Assurance qualification and amount",
      schedule: ScheduleExpression.cron({ minute: '15', hour: '0' }),
      target: new LambdaInvoke(props.recompute, {
        role,
        retryAttempts: 2,
        maxEventAge: Duration.hours(6),
        deadLetterQueue: this.deadLetterQueue,
      }),
    });
    acknowledgeNagRule(
      role,
      'AwsSolutions-IAM5',
      'lambda:InvokeFunction on the recompute function and its versions (<arn>:*), as the scheduler target grants ' +
        'it; no other function.',
      [`Resource::${nagAttributeReference(props.recompute, 'Arn')}:*`],
    );
    this.failedAlarm = new Alarm(this, 'FailedAlarm', {
      alarmDescription:
        'The daily Trade Assurance recompute failed for at least one supplier; those keep their previous amount ' +
        'until the next run or their next completed order. The function log lists them.',
      metric: props.recompute.metricErrors({ period: Duration.hours(1) }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}

import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Stats, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { FilterPattern, MetricFilter, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import { ScheduleExpression, type Schedule } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { scheduleFunction } from './daily-function-schedule';
import { acknowledgeNagRule } from './nag';

/** Properties of {@link WebhookDispatch}. */
export interface WebhookDispatchProps {
  /** The single table, with its stream (NEW_AND_OLD_IMAGES): the outbox entries are inserted in it. */
  readonly table: ITable;
  /** The function that takes the stream's new outbox entries (`dispatchAnnouncedEvents`). */
  readonly dispatch: IFunction;
  /** The log group of `dispatch`, where it logs the deliveries that died. */
  readonly dispatchLogGroup: ILogGroup;
  /** The function that sweeps the outbox and the deliveries that are due (`sweepWebhookDeliveries`). */
  readonly sweep: IFunction;
  /** The log group of `sweep`, where it logs the deliveries that died. */
  readonly sweepLogGroup: ILogGroup;
}

/** Metric that counts the webhook deliveries that exhausted their retries (`webhook delivery dead` log lines). */
export const webhookDeliveriesDeadMetric = { namespace: 'TrustFlow', metricName: 'WebhookDeliveriesDead' } as const;

/** The log line the dispatcher writes (Powertools JSON, `message`) when a delivery exhausted its retries. */
const deadDeliveryMessage = 'webhook delivery dead';

/**
 * Outbound webhook dispatch on AWS: the table stream hands each new outbox entry to `dispatch`, so a healthy
 * receiver hears of a change within about a second, and `sweep` runs every minute for the retries and for
 * whatever the stream missed.
 *
 * Retries are a one-minute sweep rather than delayed SQS messages because SQS delays stop at 900 s while the
 * retry schedule reaches 10 hours; the deliveries and their next attempt live in DynamoDB, so a stream batch
 * that fails for good (its metadata goes to {@link streamFailures}) loses nothing: the sweep finds the entry a
 * minute later. Dead deliveries, stream failures and function errors each raise an alarm.
 */
export class WebhookDispatch extends Construct {
  /** The table stream as `dispatch`'s event source: outbox INSERTs only. */
  readonly eventSource: DynamoEventSource;
  /** Metadata of the stream batches `dispatch` failed on after its retries (the sweep still delivers them). */
  readonly streamFailures: Queue;
  /** In alarm when {@link streamFailures} holds a message. */
  readonly streamFailuresAlarm: Alarm;
  /** In alarm when `dispatch` reported an error. */
  readonly dispatchFailedAlarm: Alarm;
  /** Runs `sweep` every minute. */
  readonly sweepSchedule: Schedule;
  /** Sweep invocations the scheduler could not make. */
  readonly sweepDeadLetterQueue: Queue;
  /** In alarm when `sweep` reported an error. */
  readonly sweepFailedAlarm: Alarm;
  /** Count the `webhook delivery dead` log lines of `dispatch` and `sweep` into {@link webhookDeliveriesDeadMetric}. */
  readonly deadDeliveryFilters: readonly MetricFilter[];
  /** In alarm when a webhook delivery exhausted its retries. */
  readonly deadDeliveriesAlarm: Alarm;

  constructor(scope: Construct, id: string, props: WebhookDispatchProps) {
    super(scope, id);

    this.streamFailures = new Queue(this, 'StreamFailures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledgeNagRule(
      this.streamFailures,
      'AwsSolutions-SQS3',
      'This queue is itself the on-failure destination of the webhook dispatch stream mapping (batch metadata ' +
        'only); it is inspected by an operator.',
    );

    // The default retries a failing batch until its records expire, blocking the shard for every later entry;
    // the sweep delivers whatever is given up on here, so a few retries (halving the batch) are enough.
    this.eventSource = new DynamoEventSource(props.table, {
      startingPosition: StartingPosition.LATEST,
      filters: [
        FilterCriteria.filter({
          eventName: FilterRule.isEqual('INSERT'),
          dynamodb: { NewImage: { gsi1pk: { S: FilterRule.beginsWith('OUTBOX#') } } },
        }),
      ],
      batchSize: 100,
      retryAttempts: 2,
      bisectBatchOnError: true,
      maxRecordAge: Duration.hours(1),
      onFailure: new SqsDlq(this.streamFailures),
    });
    props.dispatch.addEventSource(this.eventSource);
    const dispatchRole = props.dispatch.role;
    if (!dispatchRole) throw new Error('WebhookDispatch: the dispatch function needs a role to read the stream');
    acknowledgeNagRule(
      dispatchRole,
      'AwsSolutions-IAM5',
      'The table stream event source grants dynamodb:ListStreams, which has no resource-level permissions, on "*"; ' +
        "reading records is granted on this table's stream ARN only.",
      ['Resource::*'],
    );

    this.streamFailuresAlarm = new Alarm(this, 'StreamFailuresAlarm', {
      alarmDescription:
        'The webhook dispatch function gave up on a table stream batch after its retries; the queue holds the ' +
        "batch's shard and sequence numbers. Nothing is lost: the sweep fans those outbox entries out within a " +
        'minute. Read the dispatch function log for the cause, then purge the queue.',
      metric: this.streamFailures.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: Stats.MAXIMUM,
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    this.dispatchFailedAlarm = new Alarm(this, 'DispatchFailedAlarm', {
      alarmDescription:
        'The webhook dispatch function (table stream) failed on a batch of outbox entries; the stream retries it ' +
        'and the one-minute sweep delivers whatever it gives up on. Read the dispatch function log for the cause.',
      metric: props.dispatch.metricErrors({ period: Duration.minutes(5) }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    ({
      schedule: this.sweepSchedule,
      deadLetterQueue: this.sweepDeadLetterQueue,
      failedAlarm: this.sweepFailedAlarm,
    } = scheduleFunction(this, {
      function: props.sweep,
      runName: 'webhook sweep',
      schedule: ScheduleExpression.rate(Duration.minutes(1)),
      retryAttempts: 0,
      maxEventAge: Duration.minutes(1),
      description: 'Fans out the outbox entries the stream missed and attempts the webhook deliveries that are due',
      alarmDescription:
        'The webhook sweep failed; while it does, retries and the entries the stream missed are not delivered ' +
        '(they wait in the table, nothing is lost). It runs again every minute; read the sweep function log.',
      alarmPeriod: Duration.minutes(5),
      ids: {
        deadLetterQueue: 'SweepDeadLetters',
        role: 'SweepSchedulerRole',
        schedule: 'SweepSchedule',
        failedAlarm: 'SweepFailedAlarm',
      },
    }));

    this.deadDeliveryFilters = [
      ['DispatchDeadDeliveries', props.dispatchLogGroup] as const,
      ['SweepDeadDeliveries', props.sweepLogGroup] as const,
    ].map(
      ([filterId, logGroup]) =>
        new MetricFilter(this, filterId, {
          logGroup,
          filterPattern: FilterPattern.stringValue('$.message', '=', deadDeliveryMessage),
          metricNamespace: webhookDeliveriesDeadMetric.namespace,
          metricName: webhookDeliveriesDeadMetric.metricName,
          metricValue: '1',
        }),
    );
    this.deadDeliveriesAlarm = new Alarm(this, 'DeadDeliveriesAlarm', {
      alarmDescription:
        'A webhook delivery exhausted its retries; see GET /webhook-endpoints/{endpointId}/deliveries?status=DEAD ' +
        'and retry it by hand with POST /webhook-endpoints/{endpointId}/deliveries/{deliveryId}/retry.',
      metric: this.deadDeliveryFilters[0]!.metric({ period: Duration.minutes(5), statistic: Stats.SUM }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}

import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Schedule } from 'aws-cdk-lib/aws-scheduler';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { scheduleDailyFunction } from './daily-function-schedule';

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
    ({
      schedule: this.schedule,
      deadLetterQueue: this.deadLetterQueue,
      failedAlarm: this.failedAlarm,
    } = scheduleDailyFunction(this, {
      function: props.recompute,
      runName: 'recompute',
      minute: '15',
      hour: '0',
      description: "Recomputes every supplier's Trade Assurance qualification and amount",
      alarmDescription:
        'The daily Trade Assurance recompute failed for at least one supplier; those keep their previous amount ' +
        'until the next run or their next completed order. The function log lists them.',
    }));
  }
}

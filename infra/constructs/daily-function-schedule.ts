import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledgeNagRule, nagAttributeReference } from './nag';

/** Construct ids of what {@link scheduleFunction} creates in its scope; each must be unique there. */
export interface FunctionScheduleIds {
  /** Of the dead-letter queue; `DeadLetters` unless told otherwise. */
  readonly deadLetterQueue?: string;
  /** Of the scheduler's role; `SchedulerRole` unless told otherwise. */
  readonly role?: string;
  /** Of the schedule; `Schedule` unless told otherwise (`Daily` for {@link scheduleDailyFunction}). */
  readonly schedule?: string;
  /** Of the alarm; `FailedAlarm` unless told otherwise. */
  readonly failedAlarm?: string;
}

/** Construct ids of what {@link scheduleDailyFunction} creates in its scope; each must be unique there. */
export type DailyFunctionScheduleIds = FunctionScheduleIds;

/** Properties of {@link scheduleFunction}. */
export interface FunctionScheduleProps {
  /** The function to run on the schedule. */
  readonly function: IFunction;
  /** What a run does, in a word, for the cdk-nag reasons: `recompute` gives "the recompute schedule/function". */
  readonly runName: string;
  /** When the function runs. */
  readonly schedule: ScheduleExpression;
  /** How often the scheduler retries an invocation it could not make, before dead-lettering it. */
  readonly retryAttempts: number;
  /** How long the scheduler keeps trying an invocation (at least a minute). */
  readonly maxEventAge: Duration;
  /** The schedule's description. */
  readonly description: string;
  /** The alarm's description: what a failed run means and what to do about it. */
  readonly alarmDescription: string;
  /** The alarm is raised when the function reported an error within this period. */
  readonly alarmPeriod: Duration;
  /** Construct ids, for callers whose resources had other ids before (they make the logical ids). */
  readonly ids?: FunctionScheduleIds;
}

/** Properties of {@link scheduleDailyFunction}. */
export interface DailyFunctionScheduleProps {
  /** The function to run daily. */
  readonly function: IFunction;
  /** What a run does, in a word, for the cdk-nag reasons: `recompute` gives "the recompute schedule/function". */
  readonly runName: string;
  /** Minute of the hour (UTC) of the daily run, as in a cron expression. */
  readonly minute: string;
  /** Hour of the day (UTC) of the daily run, as in a cron expression. */
  readonly hour: string;
  /** The schedule's description. */
  readonly description: string;
  /** The alarm's description: what a failed run means and what to do about it. */
  readonly alarmDescription: string;
  /** Construct ids, for callers whose resources had other ids before (they make the logical ids). */
  readonly ids?: DailyFunctionScheduleIds;
}

/** What {@link scheduleFunction} created. */
export interface FunctionSchedule {
  /** The schedule. */
  readonly schedule: Schedule;
  /** Invocations that failed after the scheduler's retries. */
  readonly deadLetterQueue: Queue;
  /** The role the scheduler invokes the function with. */
  readonly role: Role;
  /** In alarm when the function reported an error within the alarm period. */
  readonly failedAlarm: Alarm;
}

/** What {@link scheduleDailyFunction} created. */
export type DailyFunctionSchedule = FunctionSchedule;

/**
 * Runs a function daily through EventBridge Scheduler, with a role of its own: a failed invocation is retried
 * twice within 6 hours, then dead-lettered, and any error of the function within the hour raises an alarm.
 *
 * Creates its resources directly in `scope` (not in a construct of its own), so that the constructs that had
 * them before keep their logical ids; see {@link DailyFunctionScheduleProps.ids}.
 */
export function scheduleDailyFunction(scope: Construct, props: DailyFunctionScheduleProps): DailyFunctionSchedule {
  const { minute, hour, ids, ...rest } = props;
  return scheduleFunction(scope, {
    ...rest,
    schedule: ScheduleExpression.cron({ minute, hour }),
    retryAttempts: 2,
    maxEventAge: Duration.hours(6),
    alarmPeriod: Duration.hours(1),
    ids: { ...ids, schedule: ids?.schedule ?? 'Daily' },
  });
}

/**
 * Runs a function on a schedule through EventBridge Scheduler, with a role of its own: an invocation the
 * scheduler could not make is retried as told, then dead-lettered, and any error of the function within the
 * alarm period raises an alarm.
 *
 * Creates its resources directly in `scope` (not in a construct of its own), so that the constructs that had
 * them before keep their logical ids; see {@link FunctionScheduleProps.ids}.
 */
export function scheduleFunction(scope: Construct, props: FunctionScheduleProps): FunctionSchedule {
  const ids = props.ids ?? {};
  const deadLetterQueue = new Queue(scope, ids.deadLetterQueue ?? 'DeadLetters', {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  acknowledgeNagRule(
    deadLetterQueue,
    'AwsSolutions-SQS3',
    `This queue is itself the dead-letter queue of the ${props.runName} schedule; it is inspected by an operator.`,
  );
  // An own role rather than the stack-wide one the targets module would share between schedules.
  const role = new Role(scope, ids.role ?? 'SchedulerRole', {
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
  });
  const schedule = new Schedule(scope, ids.schedule ?? 'Schedule', {
    description: props.description,
    schedule: props.schedule,
    target: new LambdaInvoke(props.function, {
      role,
      retryAttempts: props.retryAttempts,
      maxEventAge: props.maxEventAge,
      deadLetterQueue,
    }),
  });
  acknowledgeNagRule(
    role,
    'AwsSolutions-IAM5',
    `lambda:InvokeFunction on the ${props.runName} function and its versions (<arn>:*), as the scheduler target ` +
      'grants it; no other function.',
    [`Resource::${nagAttributeReference(props.function, 'Arn')}:*`],
  );
  const failedAlarm = new Alarm(scope, ids.failedAlarm ?? 'FailedAlarm', {
    alarmDescription: props.alarmDescription,
    metric: props.function.metricErrors({ period: props.alarmPeriod }),
    threshold: 0,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  return { schedule, deadLetterQueue, role, failedAlarm };
}

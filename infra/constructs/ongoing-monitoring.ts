import { ArnFormat, CfnResource, Duration, Stack, Token } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction, IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { ScheduleExpression, type Schedule } from 'aws-cdk-lib/aws-scheduler';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { CfnStateMachine, type StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, type IConstruct } from 'constructs';
import { scheduleDailyFunction, scheduleFunction } from './daily-function-schedule';
import { DeployTimeMigration } from './deploy-time-migration';
import { acknowledgeNagRule, nagAttributeReference, nagResourceFinding } from './nag';

/**
 * Where a full re-screen keeps its files in the screening bucket: `monitoring/rescreen/<runId>/names/…` (the
 * Distributed Map's items) and `monitoring/rescreen/<runId>/results/…` (its ResultWriter output); see
 * functions/screening/repositories/monitored-name-shards.ts.
 */
export const rescreenObjectsPrefix = 'monitoring/rescreen/';

/** Properties of {@link OngoingMonitoring}. */
export interface OngoingMonitoringProps {
  /** `monitorListChanges`: screens what the lists changed against the monitored names; run hourly. */
  readonly monitorListChanges: IFunction;
  /** `backfillMonitoredNames`: fills the monitored-name index from the parties on file; run at each deploy. */
  readonly backfillMonitoredNames: LambdaFunction;
  /** What must be deployed (or have run) before the backfill: the table and the party facts migration. */
  readonly backfillAfter: IConstruct[];
  /** The `monitoringRescreen` state machine (a Distributed Map), made by Workflows with a fixed name. */
  readonly rescreen: StateMachine;
  /** The screening bucket, which holds a re-screen's name shards and results. */
  readonly screeningBucket: IBucket;
  /** `runPeriodicReviews`: opens the refresh cases of reviews that fell due, lapses those not submitted; daily. */
  readonly runPeriodicReviews: IFunction;
}

/**
 * Ongoing monitoring on AWS (DESIGN, "Ongoing monitoring"):
 * - `monitorListChanges` runs hourly through EventBridge Scheduler: it screens what the daily list refresh
 *   changed against the monitored names, or starts a full re-screen when the matcher changed; a run that fails
 *   raises an alarm and the next run screens the same change again;
 * - `backfillMonitoredNames` runs during each deploy in which its code changed (a CDK trigger), before the
 *   hourly schedule exists, so no run screens against a half-filled index;
 * - the `monitoringRescreen` state machine's role gets what its Distributed Map needs: starting, describing and
 *   stopping its own child executions, listing the name shards and writing the results, under
 *   `monitoring/rescreen/` of the screening bucket only; a timed-out re-screen raises an alarm (a failed one
 *   raises the alarm every workflow has, `Workflows.failedAlarm`).
 */
export class OngoingMonitoring extends Construct {
  /** Runs `monitorListChanges` hourly. */
  readonly listChangeSchedule: Schedule;
  /** Hourly invocations the scheduler could not make. */
  readonly listChangeDeadLetterQueue: Queue;
  /** In alarm when `monitorListChanges` reported an error within the hour. */
  readonly listChangeFailedAlarm: Alarm;
  /** The deploy-time backfill of the monitored-name index. */
  readonly backfill: DeployTimeMigration;
  /** What the re-screen's Distributed Map needs, on the state machine's role. */
  readonly rescreenPolicy: Policy;
  /** In alarm when a re-screen execution timed out. */
  readonly rescreenTimedOutAlarm: Alarm;
  /** Runs `runPeriodicReviews` daily. */
  readonly periodicReviewSchedule: Schedule;
  /** In alarm when the periodic review run reported an error. */
  readonly periodicReviewFailedAlarm: Alarm;

  constructor(scope: Construct, id: string, props: OngoingMonitoringProps) {
    super(scope, id);

    this.backfill = new DeployTimeMigration(this, 'BackfillMonitoredNames', {
      migrate: props.backfillMonitoredNames,
      after: props.backfillAfter,
    });

    ({
      schedule: this.listChangeSchedule,
      deadLetterQueue: this.listChangeDeadLetterQueue,
      failedAlarm: this.listChangeFailedAlarm,
    } = scheduleFunction(this, {
      function: props.monitorListChanges,
      runName: 'list-change monitoring',
      // half past every hour: the 05:00 UTC list refresh has published by then
      schedule: ScheduleExpression.cron({ minute: '30' }),
      retryAttempts: 2,
      // past half an hour the next hourly run is due, and it screens the same change
      maxEventAge: Duration.minutes(30),
      alarmPeriod: Duration.hours(1),
      description:
        'Screens what the screening lists changed against the monitored names, or starts a full re-screen when ' +
        'the matcher changed',
      alarmDescription:
        'Ongoing monitoring could not screen the latest screening list change against the monitored names (or ' +
        'could not start the full re-screen); nothing is recorded as screened, so the next hourly run tries the ' +
        'same change again. Read the monitorListChanges function log for the cause.',
      ids: {
        deadLetterQueue: 'ListChangeDeadLetters',
        role: 'ListChangeSchedulerRole',
        schedule: 'HourlyListChanges',
        failedAlarm: 'ListChangeFailedAlarm',
      },
    }));
    this.listChangeSchedule.node.addDependency(this.backfill);

    ({ schedule: this.periodicReviewSchedule, failedAlarm: this.periodicReviewFailedAlarm } = scheduleDailyFunction(
      this,
      {
        function: props.runPeriodicReviews,
        runName: 'periodic review',
        minute: '15',
        hour: '2',
        description:
          'Opens the refresh cases of KYC approvals whose periodic review fell due, and lapses to PENDING the parties ' +
          'that did not submit theirs in time',
        alarmDescription:
          'The daily periodic KYC review failed: refresh cases may not have opened and lapses may not have been ' +
          'applied. Each step is conditional, so the next run (or a manual invocation of runPeriodicReviews) ' +
          'catches up; read its log for the cause.',
        ids: {
          deadLetterQueue: 'PeriodicReviewDeadLetters',
          role: 'PeriodicReviewSchedulerRole',
          schedule: 'DailyPeriodicReview',
          failedAlarm: 'PeriodicReviewFailedAlarm',
        },
      },
    ));

    this.rescreenPolicy = this.grantDistributedMap(props.rescreen, props.screeningBucket);

    this.rescreenTimedOutAlarm = new Alarm(this, 'RescreenTimedOutAlarm', {
      alarmDescription:
        'A full re-screen of the monitored names timed out; its Map Run shows the shard batches still running. ' +
        'Monitoring records a new matcher only when a re-screen completes, so one started for a matcher change ' +
        'is started again by the next hourly run; one started through POST /admin/monitoring/rescreen must be ' +
        'started again.',
      metric: props.rescreen.metricTimedOut({ period: Duration.hours(1) }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  /**
   * The permissions AWS documents for a Distributed Map ("IAM policies for using Distributed Map states"), on
   * the re-screen's own state machine and its prefix of the screening bucket. They are named by the fixed
   * state machine name rather than by reference: the state machine's role cannot refer to the state machine.
   */
  private grantDistributedMap(rescreen: StateMachine, bucket: IBucket): Policy {
    const stack = Stack.of(this);
    const name = fixedNameOf(rescreen);
    const arnOf = (resource: string, resourceName: string) =>
      stack.formatArn({ service: 'states', resource, resourceName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    // the parent's executions (<name>:<execution>) and the Map Run's child executions (<name>/<label>:<child>)
    const executions = [arnOf('execution', `${name}:*`), arnOf('execution', `${name}/*`)];
    const objects = bucket.arnForObjects(`${rescreenObjectsPrefix}*`);

    const policy = new Policy(this, 'RescreenDistributedMapPolicy', {
      roles: [rescreen.role],
      statements: [
        // the Distributed Map starts its child executions as executions of this state machine
        new PolicyStatement({ actions: ['states:StartExecution'], resources: [arnOf('stateMachine', name)] }),
        new PolicyStatement({ actions: ['states:DescribeExecution', 'states:StopExecution'], resources: executions }),
        // ItemReader (s3:listObjectsV2) lists the run's name shards
        new PolicyStatement({
          actions: ['s3:ListBucket'],
          resources: [bucket.bucketArn],
          conditions: { StringLike: { 's3:prefix': [`${rescreenObjectsPrefix}*`] } },
        }),
        // ResultWriter (s3:putObject) writes the manifest and result files, possibly in multipart uploads
        new PolicyStatement({
          actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
          resources: [objects],
        }),
      ],
    });
    // A KMS-encrypted bucket needs its key too; the screening bucket is S3-managed (SSE-S3) today.
    bucket.encryptionKey?.grantEncryptDecrypt(policy);
    // the state machine runs only once its role may run the map
    (rescreen.node.defaultChild as CfnResource).addResourceDependency(policy.node.defaultChild as CfnResource);

    acknowledgeNagRule(
      policy,
      'AwsSolutions-IAM5',
      'A Distributed Map describes and stops the executions it starts, whose names are made at run time: the ' +
        'grant covers the executions of this one state machine (<name>:* for its own, <name>/* for the Map ' +
        "Run's child executions), as AWS documents. The ItemReader and ResultWriter objects are per run " +
        `(${rescreenObjectsPrefix}<runId>/…), so the grant covers that prefix of the screening bucket only.`,
      [
        ...executions.map((arn) => nagResourceFinding(this, arn)),
        `Resource::${nagAttributeReference(bucket, 'Arn')}/${rescreenObjectsPrefix}*`,
      ],
    );
    return policy;
  }
}

/** The name a state machine was given (Workflows gives each a fixed one), to name its ARNs without a reference. */
function fixedNameOf(stateMachine: StateMachine): string {
  const resource = stateMachine.node.defaultChild;
  const name = resource instanceof CfnStateMachine ? resource.stateMachineName : undefined;
  if (name === undefined || Token.isUnresolved(name)) {
    throw new Error(`OngoingMonitoring: ${stateMachine.node.path} needs a fixed stateMachineName`);
  }
  return name;
}

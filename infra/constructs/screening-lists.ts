import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeNagRule, nagAttributeReference } from './nag';

/** Properties of {@link ScreeningLists}. */
export interface ScreeningListsProps {
  /** Bucket that receives the server access logs. */
  readonly accessLogsBucket: Bucket;
}

/**
 * The screening index artifacts: a versioned bucket the refresh function publishes to and the screening
 * function reads from, the daily schedule that runs the refresh, and the alarm that says a refresh failed (the
 * previous artifact then stays in service).
 */
export class ScreeningLists extends Construct {
  /** Holds `index/artifacts/*.json.gz` and the `index/current.json` pointer. */
  readonly bucket: Bucket;
  /** Scheduler invocations that failed after retries. */
  deadLetterQueue?: Queue;
  /** In alarm when a refresh failed within the last day. */
  refreshFailedAlarm?: Alarm;

  constructor(scope: Construct, id: string, props: ScreeningListsProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // Public lists, no personal data of customers: S3-managed keys suffice.
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: 'screening/',
      lifecycleRules: [
        // Old artifacts answer "what did we screen against on that day?" for a year, then go.
        { id: 'artifact-history', prefix: 'index/artifacts/', expiration: Duration.days(365) },
        { id: 'pointer-history', noncurrentVersionExpiration: Duration.days(365) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** Runs `refresh` daily at 05:00 UTC, after the publishers' overnight updates, and alarms when it fails. */
  scheduleRefresh(refresh: IFunction): void {
    this.deadLetterQueue = new Queue(this, 'RefreshDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledgeNagRule(
      this.deadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue of the refresh schedule; it is inspected by an operator.',
    );
    // An own role rather than the stack-wide one the targets module would share between schedules.
    const role = new Role(this, 'SchedulerRole', { assumedBy: new ServicePrincipal('scheduler.amazonaws.com') });
    new Schedule(this, 'DailyRefresh', {
      description: 'Downloads the sanctions lists and publishes a new screening index artifact',
      schedule: ScheduleExpression.cron({ minute: '0', hour: '5' }),
      target: new LambdaInvoke(refresh, {
        role,
        retryAttempts: 2,
        maxEventAge: Duration.hours(6),
        deadLetterQueue: this.deadLetterQueue,
      }),
    });
    acknowledgeNagRule(
      role,
      'AwsSolutions-IAM5',
      'lambda:InvokeFunction on the refresh function and its versions (<arn>:*), as the scheduler target grants it; ' +
        'no other function.',
      [`Resource::${nagAttributeReference(refresh, 'Arn')}:*`],
    );
    this.refreshFailedAlarm = new Alarm(this, 'RefreshFailedAlarm', {
      alarmDescription:
        'The screening list refresh failed (download, parse or a suspiciously shrunk list); screening keeps using ' +
        'the previous list version until a refresh succeeds.',
      metric: refresh.metricErrors({ period: Duration.hours(1) }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}

import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { scheduleDailyFunction } from './daily-function-schedule';

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
    ({ deadLetterQueue: this.deadLetterQueue, failedAlarm: this.refreshFailedAlarm } = scheduleDailyFunction(this, {
      function: refresh,
      runName: 'refresh',
      minute: '0',
      hour: '5',
      description: 'Downloads the sanctions lists and publishes a new screening index artifact',
      alarmDescription:
        'The screening list refresh failed (download, parse or a suspiciously shrunk list); screening keeps using ' +
        'the previous list version until a refresh succeeds.',
      ids: { deadLetterQueue: 'RefreshDeadLetters', schedule: 'DailyRefresh', failedAlarm: 'RefreshFailedAlarm' },
    }));
  }
}

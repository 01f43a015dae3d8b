import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  EventType,
  HttpMethods,
  ObjectOwnership,
  StorageClass,
} from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Construct } from 'constructs';
import { documentsBucketSettings } from '../../functions/commons/storage/bucket-settings';
import { acknowledgeNagRule } from './nag';

/** Properties of {@link DocumentIntake}. */
export interface DocumentIntakeProps {
  /**
   * Origins allowed to POST uploads from a browser (bucket CORS). Uploads are still authorised only
   * by the presigned POST policy; CORS merely lets a web front end read the response.
   */
  readonly uploadAllowedOrigins: string[];
}

/**
 * Where KYC documents land: the documents bucket (SSE-KMS with its own key, versioned, SSL only,
 * retention lifecycle), the bucket that receives its server access logs, and the object-created
 * notification that hands every new upload to the checking function.
 *
 * Settings come from {@link documentsBucketSettings}, shared with the local S3 server and the handlers.
 */
export class DocumentIntake extends Construct {
  /** Encrypts the documents. Separate from the table key so table readers cannot decrypt documents. */
  readonly key: Key;
  /** The KYC documents. */
  readonly bucket: Bucket;
  /** Server access logs of {@link bucket}. */
  readonly accessLogsBucket: Bucket;
  /** Key prefix of KYC documents; only objects under it are announced to the upload handler. */
  readonly kycPrefix: string = documentsBucketSettings.kycPrefix;
  /** Upload events whose check still failed after Lambda's retries; set by {@link routeUploadsTo}. */
  failedChecksQueue?: Queue;
  /** In alarm while {@link failedChecksQueue} holds anything. */
  failedChecksAlarm?: Alarm;

  constructor(scope: Construct, id: string, props: DocumentIntakeProps) {
    super(scope, id);
    // Log delivery through a bucket policy rather than the legacy LogDeliveryWrite ACL, so the log bucket can
    // keep ACLs disabled (BucketOwnerEnforced). Set here because cdk.json does not enable the flag app-wide.
    this.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    const { retention, cors } = documentsBucketSettings;
    if (props.uploadAllowedOrigins.length === 0) {
      throw new Error('DocumentIntake: uploadAllowedOrigins must list at least one origin');
    }

    this.key = new Key(this, 'Key', {
      description: 'TrustFlow: encrypts KYC documents in the documents bucket',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.accessLogsBucket = new Bucket(this, 'AccessLogsBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // S3 server access logging cannot deliver into an SSE-KMS bucket.
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [
        {
          id: 'access-log-retention',
          // Who touched a document is kept as long as the document versions themselves.
          expiration: Duration.days(retention.noncurrentVersionExpirationDays),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      // One data key per bucket rather than per object: far fewer KMS calls on upload and inspection.
      bucketKeyEnabled: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'documents/',
      cors: [
        {
          allowedMethods: cors.allowedMethods.map((method) => HttpMethods[method]),
          allowedOrigins: props.uploadAllowedOrigins,
          allowedHeaders: [...cors.allowedHeaders],
          exposedHeaders: [...cors.exposedHeaders],
          maxAge: cors.maxAgeSeconds,
        },
      ],
      lifecycleRules: [
        {
          id: 'kyc-retention',
          // Current objects are deleted by the application when the retention date passes; S3 then
          // keeps the superseded version for the same retention period before it expires.
          noncurrentVersionExpiration: Duration.days(retention.noncurrentVersionExpirationDays),
          transitions: [
            {
              storageClass: StorageClass.INFREQUENT_ACCESS,
              transitionAfter: Duration.days(retention.transitionToInfrequentAccessDays),
            },
          ],
          noncurrentVersionTransitions: [
            {
              storageClass: StorageClass.INFREQUENT_ACCESS,
              transitionAfter: Duration.days(retention.transitionToInfrequentAccessDays),
            },
          ],
          abortIncompleteMultipartUploadAfter: Duration.days(retention.abortIncompleteMultipartUploadDays),
          expiredObjectDeleteMarker: true,
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * Sends every object created under {@link kycPrefix} to `handler`, which verifies size, type and
   * hash of the upload.
   */
  routeUploadsTo(handler: LambdaFunction): void {
    this.bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(handler), {
      prefix: this.kycPrefix,
    });
    acknowledgeBucketNotificationsHandler(Stack.of(this));

    // S3 invokes asynchronously and does not redeliver: an event that still fails after Lambda's retries
    // would leave its document PENDING_UPLOAD for ever. Keep it, with the error, and raise an alarm.
    this.failedChecksQueue = new Queue(this, 'FailedUploadChecks', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledgeNagRule(
      this.failedChecksQueue,
      'AwsSolutions-SQS3',
      'This queue is itself the on-failure destination of the upload check; its messages are inspected and ' +
        'replayed by an operator, so it has no dead-letter queue of its own.',
    );
    handler.configureAsyncInvoke({
      onFailure: new SqsDestination(this.failedChecksQueue),
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
    });
    this.failedChecksAlarm = new Alarm(this, 'FailedUploadChecksAlarm', {
      alarmDescription:
        'Uploaded documents could not be checked after retries; they stay PENDING_UPLOAD until the events in the ' +
        'FailedUploadChecks queue are replayed.',
      metric: this.failedChecksQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}

/**
 * The S3 notification custom resource's handler is a stack-level singleton owned by aws-cdk-lib; its role
 * is not configurable, so its finding is acknowledged where it lives. (Its own policy is already scoped
 * to the documents bucket.)
 */
function acknowledgeBucketNotificationsHandler(stack: Stack): void {
  const handlers = stack.node.children.filter((child) => child.node.id.startsWith('BucketNotificationsHandler'));
  for (const handler of handlers) {
    acknowledgeNagRule(
      handler,
      'AwsSolutions-IAM4',
      'aws-cdk-lib BucketNotificationsHandler (deploy-time custom resource that writes the bucket notification ' +
        'configuration) uses AWSLambdaBasicExecutionRole for its own logs; its role is not configurable.',
      ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
    );
  }
}

import { Match, type Template } from 'aws-cdk-lib/assertions';
import { documentsBucketSettings } from '../../functions/commons/storage/bucket-settings';
import { tableSchema } from '../../functions/commons/storage/table-schema';
import type { TrustFlowStack } from '../../infra/trustflow-stack';
import { logicalIdOf, synthesizeStack, testBrowserOrigins } from './support/synthesize-stack';

let stack: TrustFlowStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = synthesizeStack());
});

describe('data store', () => {
  it('is one on-demand table with PITR, keys from tableSchema and RETAIN', () => {
    // Prepare
    const tableId = logicalIdOf(stack, stack.dataStore.table);

    // Act
    const table = template.findResources('AWS::DynamoDB::Table')[tableId];

    // Assess
    expect(Object.keys(template.findResources('AWS::DynamoDB::Table'))).toHaveLength(1);
    expect(table).toMatchObject({
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        KeySchema: [
          { AttributeName: tableSchema.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableSchema.sortKey, KeyType: 'RANGE' },
        ],
      },
    });
  });

  it('encrypts with the customer-managed key of the data store', () => {
    // Prepare
    const keyId = logicalIdOf(stack, stack.dataStore.key);

    // Act / Assess
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
      },
    });
  });

  it('has the TTL attribute and stream view of tableSchema', () => {
    // Act / Assess
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: tableSchema.timeToLiveAttribute, Enabled: true },
      StreamSpecification: { StreamViewType: tableSchema.streamView },
    });
  });

  it.each(tableSchema.globalSecondaryIndexes.map((index) => [index.indexName, index] as const))(
    'has GSI %s with the string keys of tableSchema',
    (_name, index) => {
      // Act / Assess
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        GlobalSecondaryIndexes: Match.arrayWith([
          Match.objectLike({
            IndexName: index.indexName,
            KeySchema: [
              { AttributeName: index.partitionKey, KeyType: 'HASH' },
              { AttributeName: index.sortKey, KeyType: 'RANGE' },
            ],
          }),
        ]),
        AttributeDefinitions: Match.arrayWith([
          { AttributeName: index.partitionKey, AttributeType: 'S' },
          { AttributeName: index.sortKey, AttributeType: 'S' },
        ]),
      });
    },
  );

  it('has exactly the GSIs of tableSchema', () => {
    // Prepare
    const expected = tableSchema.globalSecondaryIndexes.map((index) => index.indexName).sort();

    // Act
    const [table] = Object.values(template.findResources('AWS::DynamoDB::Table'));
    const actual = (table?.Properties.GlobalSecondaryIndexes as { IndexName: string }[]).map((i) => i.IndexName).sort();

    // Assess
    expect(actual).toEqual(expected);
  });
});

describe('KMS keys', () => {
  it('rotates every key and retains it', () => {
    // Act
    const keys = Object.values(template.findResources('AWS::KMS::Key'));

    // Assess
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      expect(key).toMatchObject({ DeletionPolicy: 'Retain', Properties: { EnableKeyRotation: true } });
    }
  });
});

describe('documents bucket', () => {
  let bucketId: string;
  let bucketProperties: Record<string, unknown>;

  beforeAll(() => {
    bucketId = logicalIdOf(stack, stack.documentIntake.bucket);
    bucketProperties = template.findResources('AWS::S3::Bucket')[bucketId]!.Properties as Record<string, unknown>;
  });

  it('blocks all public access', () => {
    // Assess
    expect(bucketProperties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
  });

  it('denies every request that is not over TLS', () => {
    // Act / Assess
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('encrypts with SSE-KMS under the document key, with a bucket key', () => {
    // Prepare
    const keyId = logicalIdOf(stack, stack.documentIntake.key);

    // Assess
    expect(bucketProperties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [
        {
          BucketKeyEnabled: true,
          ServerSideEncryptionByDefault: {
            SSEAlgorithm: 'aws:kms',
            KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] },
          },
        },
      ],
    });
  });

  it('is versioned and retained', () => {
    // Act
    const bucket = template.findResources('AWS::S3::Bucket')[bucketId];

    // Assess
    expect(bucketProperties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket).toMatchObject({ DeletionPolicy: 'Retain' });
  });

  it('has the retention lifecycle of documentsBucketSettings', () => {
    // Prepare
    const { retention } = documentsBucketSettings;

    // Assess
    expect(bucketProperties.LifecycleConfiguration).toEqual({
      Rules: [
        expect.objectContaining({
          Status: 'Enabled',
          NoncurrentVersionExpiration: { NoncurrentDays: retention.noncurrentVersionExpirationDays },
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: retention.abortIncompleteMultipartUploadDays },
          Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: retention.transitionToInfrequentAccessDays }],
        }),
      ],
    });
  });

  it('allows browser POST uploads from the configured origins only', () => {
    // Prepare
    const { cors } = documentsBucketSettings;

    // Assess
    expect(bucketProperties.CorsConfiguration).toEqual({
      CorsRules: [
        {
          AllowedMethods: ['POST'],
          AllowedOrigins: testBrowserOrigins,
          AllowedHeaders: [...cors.allowedHeaders],
          ExposedHeaders: [...cors.exposedHeaders],
          MaxAge: cors.maxAgeSeconds,
        },
      ],
    });
  });

  it('logs server access into the access-logs bucket', () => {
    // Prepare
    const logsBucketId = logicalIdOf(stack, stack.documentIntake.accessLogsBucket);

    // Assess
    expect(bucketProperties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: logsBucketId },
      LogFilePrefix: 'documents/',
    });
  });
});

describe('access-logs bucket', () => {
  it('is private, SSL only, S3-managed encryption and lets only S3 logging write', () => {
    // Prepare
    const logsBucketId = logicalIdOf(stack, stack.documentIntake.accessLogsBucket);

    // Act
    const bucket = template.findResources('AWS::S3::Bucket')[logsBucketId];

    // Assess
    expect(bucket?.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logsBucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Action: 's3:PutObject',
            Principal: { Service: 'logging.s3.amazonaws.com' },
          }),
        ]),
      },
    });
  });
});

describe('upload notification', () => {
  it('sends object-created events under the KYC prefix to processDocumentUpload', () => {
    // Prepare
    const functionId = logicalIdOf(stack, stack.functions.get('processDocumentUpload'));

    // Act / Assess
    template.resourceCountIs('Custom::S3BucketNotifications', 1);
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: logicalIdOf(stack, stack.documentIntake.bucket) },
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: documentsBucketSettings.kycPrefix }] } },
            LambdaFunctionArn: { 'Fn::GetAtt': [functionId, 'Arn'] },
          },
        ],
      },
    });
  });

  it('lets only S3, from this bucket, invoke the upload function', () => {
    // Prepare
    const functionId = logicalIdOf(stack, stack.functions.get('processDocumentUpload'));

    // Act / Assess
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [functionId, 'Arn'] },
      Principal: 's3.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [logicalIdOf(stack, stack.documentIntake.bucket), 'Arn'] },
    });
  });
});

describe('party facts migration', () => {
  it('runs the backfill function during each deploy in which its code changed, after the table exists', () => {
    // Prepare
    const migrateId = logicalIdOf(stack, stack.functions.get('backfillPartyFacts'));
    const tableId = logicalIdOf(stack, stack.dataStore.table);
    const versions = template.findResources('AWS::Lambda::Version');

    // Act: the triggers that invoke a version of the backfill function
    const triggers = Object.values(template.findResources('Custom::Trigger')).filter(
      (trigger) =>
        versions[(trigger.Properties.HandlerArn as { Ref: string }).Ref]?.Properties.FunctionName.Ref === migrateId,
    );

    // Assess
    expect(triggers).toHaveLength(1);
    const [trigger] = triggers;
    expect(trigger!.Properties).toMatchObject({
      InvocationType: 'RequestResponse',
      ExecuteOnHandlerChange: true,
      Timeout: String(15 * 60 * 1000),
    });
    expect(trigger!.DependsOn).toEqual(expect.arrayContaining([tableId]));
  });
});

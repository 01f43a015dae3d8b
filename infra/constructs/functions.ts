import * as path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { documentsBucketSettings } from '../../functions/commons/storage/bucket-settings';
import { listFunctions, type FunctionDefinition, type FunctionId } from '../../functions/function-catalog';
import { functionBaseEnvironment, functionBundling } from '../function-bundling';
import { acknowledgeNagRule, nagAttributeReference } from './nag';

/** The repository root: entries in the function catalogue are relative to it. */
const repoRoot = path.resolve(__dirname, '..', '..');

/** Properties of {@link Functions}. */
export interface FunctionsProps {
  /** The single table; each function gets the access its catalogue entry asks for. */
  readonly table: Table;
  /** The documents bucket; each function gets the access its catalogue entry asks for. */
  readonly documentsBucket: Bucket;
  /** The screening index artifacts bucket; each function gets the access its catalogue entry asks for. */
  readonly screeningBucket: Bucket;
}

/**
 * One NodejsFunction per entry of the function catalogue (`functions/function-catalog.ts`), bundled
 * with the shared {@link functionBundling} settings, each with its own role, log group and exactly the
 * table and bucket permissions its `access` declares.
 */
export class Functions extends Construct {
  private readonly byId = new Map<string, NodejsFunction>();

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    for (const definition of listFunctions()) {
      this.byId.set(definition.id, this.createFunction(definition, props));
    }
  }

  /** The function of a catalogue entry. */
  get(id: FunctionId): NodejsFunction {
    const fn = this.byId.get(id);
    if (!fn) throw new Error(`Functions: no function '${id}' in the catalogue`);
    return fn;
  }

  /** Every function, keyed by catalogue id. */
  all(): ReadonlyMap<string, NodejsFunction> {
    return this.byId;
  }

  private createFunction(definition: FunctionDefinition, props: FunctionsProps): NodejsFunction {
    const scope = new Construct(this, definition.id);

    const logGroup = new LogGroup(scope, 'LogGroup', {
      // Operational logs only: audit records live in the table, so half a year covers investigations.
      retention: RetentionDays.SIX_MONTHS,
    });

    // An own role instead of the default one: the default attaches AWSLambdaBasicExecutionRole, which may
    // write to every log group in the account; this one may write only to the function's own.
    const role = new Role(scope, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `TrustFlow ${definition.id}: ${definition.description}`.slice(0, 1000),
    });
    logGroup.grantWrite(role);

    const fn = new NodejsFunction(scope, 'Function', {
      entry: path.join(repoRoot, definition.entry),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: path.join(repoRoot, 'package-lock.json'),
      description: definition.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: definition.memorySize ?? 512,
      timeout: Duration.seconds(definition.timeoutSeconds ?? 10),
      role,
      logGroup,
      tracing: Tracing.ACTIVE,
      bundling: toBundlingOptions(),
      environment: {
        ...functionBaseEnvironment,
        TABLE_NAME: props.table.tableName,
        DOCUMENTS_BUCKET: props.documentsBucket.bucketName,
        ...(definition.access.screening || definition.access.monitoring
          ? { SCREENING_BUCKET: props.screeningBucket.bucketName }
          : {}),
      },
    });

    grantAccess(fn, definition, props);
    acknowledgeExpectedFindings(fn, role, definition, props);
    return fn;
  }
}

/** Maps the shared esbuild settings onto NodejsFunction's bundling options. */
function toBundlingOptions(): BundlingOptions {
  const formats = { cjs: OutputFormat.CJS, esm: OutputFormat.ESM } as const;
  return {
    target: functionBundling.target,
    format: formats[functionBundling.format],
    minify: functionBundling.minify,
    sourceMap: functionBundling.sourceMap,
    sourcesContent: functionBundling.sourcesContent,
    mainFields: [...functionBundling.mainFields],
    externalModules: [...functionBundling.externalModules],
  };
}

/** Object keys the functions may touch: documents only ever live under the KYC prefix. */
const documentObjects = `${documentsBucketSettings.kycPrefix}*`;

/**
 * Grants what the catalogue entry's `access` declares and nothing else. The grant methods add the
 * matching KMS permissions on the table's and the bucket's keys.
 */
function grantAccess(fn: NodejsFunction, definition: FunctionDefinition, props: FunctionsProps): void {
  switch (definition.access.table) {
    case 'read':
      props.table.grantReadData(fn);
      break;
    case 'readWrite':
      props.table.grantReadWriteData(fn);
      break;
    case undefined:
      break;
  }
  switch (definition.access.documents) {
    case 'presign':
      // The presigned POST is signed with this role's credentials, so the role itself must be allowed to put.
      props.documentsBucket.grantPut(fn, documentObjects);
      break;
    case 'read':
      // Textract reads the objects with the caller's permissions, so the function itself needs read.
      props.documentsBucket.grantRead(fn, documentObjects);
      break;
    case 'inspect':
      props.documentsBucket.grantRead(fn, documentObjects);
      // Rejected uploads are deleted, including by versionId (s3:DeleteObjectVersion).
      props.documentsBucket.grantDelete(fn, documentObjects);
      break;
    case undefined:
      break;
  }
  if (definition.access.textract) {
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['textract:AnalyzeID', 'textract:AnalyzeDocument'], resources: ['*'] }),
    );
  }
  switch (definition.access.screening) {
    case 'read':
      props.screeningBucket.grantRead(fn, screeningObjects);
      break;
    case 'publish':
      props.screeningBucket.grantReadWrite(fn, screeningObjects);
      break;
    case undefined:
      break;
  }
  switch (definition.access.monitoring) {
    case 'read':
      props.screeningBucket.grantRead(fn, monitoringObjects);
      break;
    case 'readWrite':
      props.screeningBucket.grantReadWrite(fn, monitoringObjects);
      break;
    case undefined:
      break;
  }
}

/** Ongoing monitoring's state and re-screen files live under this prefix of the screening bucket. */
const monitoringObjects = 'monitoring/*';

/** Screening artifacts and their pointer all live under this prefix. */
const screeningObjects = 'index/*';

/** Findings every function has for a stated reason, plus the wildcards its own grants produce. */
function acknowledgeExpectedFindings(
  fn: NodejsFunction,
  role: Role,
  definition: FunctionDefinition,
  props: FunctionsProps,
): void {
  acknowledgeNagRule(
    fn,
    'AwsSolutions-L1',
    'Node.js 22 is the runtime the bundles target (functionBundling.target = node22) and the one the cold-start ' +
      'benchmark measures; moving to a newer runtime is a deliberate, tested upgrade.',
  );
  acknowledgeNagRule(
    role,
    'AwsSolutions-IAM5',
    'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level ' +
      'permissions, so Lambda grants them on "*".',
    ['Resource::*'],
  );

  const { table, documents, screening, monitoring } = definition.access;
  if (monitoring !== undefined) {
    acknowledgeNagRule(
      role,
      'AwsSolutions-IAM5',
      "Ongoing monitoring's objects (its state, and each re-screen's name shards and results, keyed per run) live " +
        'under monitoring/ of the screening bucket, so the grant covers the prefix, on this bucket only, with the ' +
        'action families of grantRead and, to write, grantReadWrite.',
      [
        `Resource::${nagAttributeReference(props.screeningBucket, 'Arn')}/${monitoringObjects}`,
        'Action::s3:GetObject*',
        'Action::s3:GetBucket*',
        'Action::s3:List*',
        ...(monitoring === 'readWrite' ? ['Action::s3:DeleteObject*', 'Action::s3:Abort*'] : []),
      ],
    );
  }
  if (screening !== undefined) {
    acknowledgeNagRule(
      role,
      'AwsSolutions-IAM5',
      'Screening artifacts are versioned objects under index/ whose keys are made per refresh, so the grant covers ' +
        'the prefix, on this bucket only, with the action families of grantRead (s3:GetObject*, s3:GetBucket*, ' +
        's3:List*) and, to publish, grantReadWrite (s3:DeleteObject*, s3:Abort*).',
      [
        `Resource::${nagAttributeReference(props.screeningBucket, 'Arn')}/${screeningObjects}`,
        'Action::s3:GetObject*',
        'Action::s3:GetBucket*',
        'Action::s3:List*',
        ...(screening === 'publish' ? ['Action::s3:DeleteObject*', 'Action::s3:Abort*'] : []),
      ],
    );
  }
  if (table) {
    acknowledgeNagRule(
      role,
      'AwsSolutions-IAM5',
      'grantReadData/grantReadWriteData on the single table also cover its GSIs (<table ARN>/index/*); the indexes ' +
        'belong to the same table and serve the request-path queries.',
      [`Resource::${nagAttributeReference(props.table, 'Arn')}/index/*`],
    );
  }
  if (table === 'readWrite' || documents !== undefined) {
    acknowledgeNagRule(
      role,
      'AwsSolutions-IAM5',
      'KMS action families added by the grant methods (kms:GenerateDataKey*, kms:ReEncrypt*) on the one key that ' +
        'encrypts the table or the documents bucket, not on all keys.',
      ['Action::kms:GenerateDataKey*', 'Action::kms:ReEncrypt*'],
    );
  }
  if (documents !== undefined) {
    acknowledgeNagRule(
      role,
      'AwsSolutions-IAM5',
      `Document access is limited to objects under the KYC prefix (${documentObjects}); object keys are generated ` +
        'per case and document at run time, so no narrower static resource exists.',
      [`Resource::${nagAttributeReference(props.documentsBucket, 'Arn')}/${documentObjects}`],
    );
  }
  if (documents === 'presign') {
    acknowledgeNagRule(
      role,
      'AwsSolutions-IAM5',
      'bucket.grantPut includes s3:Abort* (abort a multipart upload of the same objects), limited to the KYC prefix.',
      ['Action::s3:Abort*'],
    );
  }
  if (definition.access.textract) {
    acknowledgeNagRule(
      role,
      'AwsSolutions-IAM5',
      'Textract AnalyzeID and AnalyzeDocument have no resource-level permissions; the documents they read are ' +
        "limited by this role's own S3 grant on the KYC prefix.",
      ['Resource::*'],
    );
  }
  if (documents === 'read') {
    acknowledgeNagRule(
      role,
      'AwsSolutions-IAM5',
      'bucket.grantRead action families (s3:GetObject* incl. object versions, s3:GetBucket*, s3:List*) on this ' +
        'bucket and the KYC prefix only: Textract reads a specific object version with these permissions.',
      ['Action::s3:GetObject*', 'Action::s3:GetBucket*', 'Action::s3:List*'],
    );
  }
  if (documents === 'inspect') {
    acknowledgeNagRule(
      role,
      'AwsSolutions-IAM5',
      'bucket.grantRead/grantDelete action families (s3:GetObject* incl. object versions, s3:GetBucket*, s3:List* for ' +
        'version listing, s3:DeleteObject* incl. DeleteObjectVersion) on this bucket and the KYC prefix only: the ' +
        'upload check reads and deletes specific object versions.',
      ['Action::s3:GetObject*', 'Action::s3:GetBucket*', 'Action::s3:List*', 'Action::s3:DeleteObject*'],
    );
  }
}

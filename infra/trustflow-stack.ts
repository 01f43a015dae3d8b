import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { functionCatalog } from '../functions/function-catalog';
import { DataStore } from './constructs/data-store';
import { DeployTimeMigration } from './constructs/deploy-time-migration';
import { DocumentIntake } from './constructs/document-intake';
import { Functions } from './constructs/functions';
import { TrustFlowHttpApi } from './constructs/http-api';
import { Identity } from './constructs/identity';
import { OngoingMonitoring } from './constructs/ongoing-monitoring';
import { PayoutProviderSettings } from './constructs/payout-provider-settings';
import { ScreeningLists } from './constructs/screening-lists';
import { TradeAssuranceSchedule } from './constructs/trade-assurance-schedule';
import { WebhookDispatch } from './constructs/webhook-dispatch';
import { ApplicantEmail, mailSenderContextKey } from './constructs/applicant-email';
import { Workflows } from './constructs/workflows';

/** Properties of {@link TrustFlowStack}. */
export interface TrustFlowStackProps extends StackProps {
  /** Browser origins of the front end: HTTP API CORS and documents bucket CORS. */
  readonly browserOrigins: string[];
}

/**
 * The TrustFlow back end on AWS: data store, document intake, screening lists, identity, functions, workflows and
 * HTTP API.
 * Environment-agnostic, so it synthesizes offline without an account.
 */
export class TrustFlowStack extends Stack {
  /** Table and its key. */
  readonly dataStore: DataStore;
  /** Documents bucket, its logs and the upload notification. */
  readonly documentIntake: DocumentIntake;
  /** Screening index artifacts, their daily refresh and its alarm. */
  readonly screeningLists: ScreeningLists;
  /** User pool, groups and app client. */
  readonly identity: Identity;
  /** One Lambda function per catalogue entry. */
  readonly functions: Functions;
  /** One state machine per workflow: KYC cases and review escalation. */
  readonly workflows: Workflows;
  /** HTTP API built from the route table. */
  readonly api: TrustFlowHttpApi;
  /** The daily recompute of every supplier's Trade Assurance. */
  readonly tradeAssuranceSchedule: TradeAssuranceSchedule;
  /** The payout provider's URL and API key secret, given to the functions that pay out. */
  readonly payoutProvider: PayoutProviderSettings;
  /** The one-off migration of party facts, run during the deploy. */
  readonly partyFactsMigration: DeployTimeMigration;
  /** Ongoing monitoring: the hourly screening of list changes, the monitored-name backfill and the re-screen's grants. */
  readonly ongoingMonitoring: OngoingMonitoring;
  /** Outbound webhooks: the table stream and the one-minute sweep that deliver them, and their alarms. */
  readonly webhookDispatch: WebhookDispatch;
  /** The applicant's emails through SES, when a verified sender is given (`trustflow:mailSender`). */
  readonly applicantEmail: ApplicantEmail;

  constructor(scope: Construct, id: string, props: TrustFlowStackProps) {
    super(scope, id, props);

    this.dataStore = new DataStore(this, 'DataStore');
    this.documentIntake = new DocumentIntake(this, 'DocumentIntake', {
      uploadAllowedOrigins: props.browserOrigins,
    });
    this.screeningLists = new ScreeningLists(this, 'ScreeningLists', {
      accessLogsBucket: this.documentIntake.accessLogsBucket,
    });
    this.functions = new Functions(this, 'Functions', {
      table: this.dataStore.table,
      documentsBucket: this.documentIntake.bucket,
      screeningBucket: this.screeningLists.bucket,
    });
    this.workflows = new Workflows(this, 'Workflows', { functions: this.functions });
    // the payout provider's URL and key secret, for the functions that pay out (none until assuredOrderStep exists)
    this.payoutProvider = new PayoutProviderSettings(this, 'PayoutProvider', { functions: this.functions.all() });
    this.screeningLists.scheduleRefresh(this.functions.get(functionCatalog.refreshScreeningLists.id));
    this.tradeAssuranceSchedule = new TradeAssuranceSchedule(this, 'TradeAssuranceSchedule', {
      recompute: this.functions.get(functionCatalog.recomputeTradeAssuranceSchedule.id),
    });
    // parties approved before KYC approvals recorded their country, display name and type get them
    this.partyFactsMigration = new DeployTimeMigration(this, 'PartyFactsMigration', {
      migrate: this.functions.get(functionCatalog.backfillPartyFacts.id),
      after: [this.dataStore],
    });
    this.ongoingMonitoring = new OngoingMonitoring(this, 'OngoingMonitoring', {
      monitorListChanges: this.functions.get(functionCatalog.monitorListChanges.id),
      backfillMonitoredNames: this.functions.get(functionCatalog.backfillMonitoredNames.id),
      // a party on file without a case is monitored under the display name the party facts migration records
      backfillAfter: [this.dataStore, this.partyFactsMigration],
      rescreen: this.workflows.get('monitoringRescreen'),
      screeningBucket: this.screeningLists.bucket,
      runPeriodicReviews: this.functions.get(functionCatalog.runPeriodicReviews.id),
    });
    const dispatchAnnouncedEvents = this.functions.get(functionCatalog.dispatchAnnouncedEvents.id);
    const sweepWebhookDeliveries = this.functions.get(functionCatalog.sweepWebhookDeliveries.id);
    this.webhookDispatch = new WebhookDispatch(this, 'WebhookDispatch', {
      table: this.dataStore.table,
      dispatch: dispatchAnnouncedEvents,
      dispatchLogGroup: dispatchAnnouncedEvents.logGroup,
      sweep: sweepWebhookDeliveries,
      sweepLogGroup: sweepWebhookDeliveries.logGroup,
    });
    const mailSender: unknown = this.node.tryGetContext(mailSenderContextKey);
    this.applicantEmail = new ApplicantEmail(this, 'ApplicantEmail', {
      functions: [dispatchAnnouncedEvents, sweepWebhookDeliveries],
      sender: typeof mailSender === 'string' && mailSender.trim() !== '' ? mailSender : undefined,
    });
    this.documentIntake.routeUploadsTo(this.functions.get(functionCatalog.processDocumentUpload.id));
    this.identity = new Identity(this, 'Identity');
    this.api = new TrustFlowHttpApi(this, 'Api', {
      functions: this.functions,
      userPool: this.identity.userPool,
      userPoolClient: this.identity.userPoolClient,
      allowedOrigins: props.browserOrigins,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', {
      value: this.identity.userPoolClient.userPoolClientId,
      description: 'JWT audience: request ID tokens for this app client',
    });
    new CfnOutput(this, 'TableName', { value: this.dataStore.table.tableName });
    new CfnOutput(this, 'DocumentsBucket', { value: this.documentIntake.bucket.bucketName });
    new CfnOutput(this, 'KycCaseStateMachineArn', { value: this.workflows.get('kycCase').stateMachineArn });
    new CfnOutput(this, 'ScreeningBucket', { value: this.screeningLists.bucket.bucketName });
    if (this.payoutProvider.apiKeySecret) {
      // where operators put the provider's API key after deploying (`aws secretsmanager put-secret-value`)
      new CfnOutput(this, 'PayoutProviderApiKeySecretArn', {
        value: this.payoutProvider.apiKeySecret.secretArn,
        description: "Secret to put the payout provider's API key in, as the plain secret string",
      });
    }
  }
}

import { Duration } from 'aws-cdk-lib';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { InvocationType, Trigger } from 'aws-cdk-lib/triggers';
import { Construct, type IConstruct } from 'constructs';

/** Properties of {@link DeployTimeMigration}. */
export interface DeployTimeMigrationProps {
  /** The migration function, e.g. `backfillPartyFacts` or `backfillMonitoredNames`. */
  readonly migrate: LambdaFunction;
  /** What must be deployed before it runs: the table. */
  readonly after: IConstruct[];
}

/**
 * A one-off data migration run during the deploy: a CDK trigger invokes the function once what it needs is
 * deployed, and again whenever its code changes. The function must be idempotent; a deploy fails if it fails
 * (synchronous invocation, up to 15 minutes), so no data is left half-migrated unnoticed.
 *
 * Used for:
 * - `PartyFactsMigration` (`backfillPartyFacts`): the country, display name and type of parties approved
 *   before KYC approvals recorded them;
 * - `OngoingMonitoring/BackfillMonitoredNames` (`backfillMonitoredNames`): every party on file gets its entry
 *   in the monitored-name index.
 */
export class DeployTimeMigration extends Construct {
  /** The trigger that runs the migration during the deploy. */
  readonly trigger: Trigger;

  constructor(scope: Construct, id: string, props: DeployTimeMigrationProps) {
    super(scope, id);
    this.trigger = new Trigger(this, 'Trigger', {
      handler: props.migrate,
      executeAfter: props.after,
      executeOnHandlerChange: true,
      invocationType: InvocationType.REQUEST_RESPONSE,
      timeout: Duration.minutes(15),
    });
  }
}

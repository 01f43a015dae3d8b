import { Duration } from 'aws-cdk-lib';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { InvocationType, Trigger } from 'aws-cdk-lib/triggers';
import { Construct, type IConstruct } from 'constructs';

/** Properties of {@link PartyFactsMigration}. */
export interface PartyFactsMigrationProps {
  /** The migration function (`backfillPartyFacts`). */
  readonly migrate: LambdaFunction;
  /** What must be deployed before it runs: the table. */
  readonly after: IConstruct[];
}

/**
 * The one-off migration that records the country, display name and type of parties approved before KYC
 * approvals recorded them. A CDK trigger invokes it once the table is deployed, and again whenever its code
 * changes; it is idempotent, and a deploy fails if it fails, so no party is left half-migrated unnoticed.
 */
export class PartyFactsMigration extends Construct {
  /** The trigger that runs the migration during the deploy. */
  readonly trigger: Trigger;

  constructor(scope: Construct, id: string, props: PartyFactsMigrationProps) {
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

import { documentClient } from '../../commons/aws-clients';
import { now } from '../../commons/clock';
import { getConfig } from '../../commons/config';
import { s3Client } from '../../commons/s3-client';
import { describeCasePartiesToMonitor } from '../../kyc/usecases/screen-case-parties';
import { countPartyOpenOrders } from '../../orders/usecases/party-open-orders';
import { raiseScreeningAlerts } from '../../parties/usecases/raise-screening-alerts';
import { resolveFileReviewTask } from '../../review/handlers/review-deps';
import { readMatchThreshold } from '../../screening/matching/screening-settings';
import { createS3IndexArtifactStore } from '../../screening/repositories/index-artifact-store';
import { createS3MonitoringStateStore } from '../../screening/repositories/monitoring-state-store';
import { readScreeningBucket } from '../../screening/screening-config';
import type { ScreenListChangesDeps } from '../../screening/usecases/screen-list-changes';
import type { SyncMonitoredPartyDeps } from '../../screening/usecases/sync-monitored-party';
import { ExecutionAlreadyExists, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { fingerprint } from '../../commons/fingerprint';
import { sfnClient } from '../../commons/sfn-client';
import { readWorkflowArn } from '../../commons/workflows';
import type { RaiseScreeningAlerts } from '../../kernel/screening/monitoring-hit';
import { buildScreeningIndex, type ScreeningIndex } from '../../screening/matching/screening-index';
import { decodeIndexArtifact } from '../../screening/models/index-artifact';

/**
 * The composition root of ongoing monitoring: screening finds the hits, the parties area opens the alerts
 * through review, KYC gives a case's names and the orders area a party's open orders.
 */
export function resolveSyncMonitoredPartyDeps(): SyncMonitoredPartyDeps {
  const store = { db: documentClient, tableName: getConfig().tableName };
  return {
    monitored: store,
    parties: store,
    describeCaseParties: (caseId) => describeCasePartiesToMonitor(store, caseId),
    countOpenOrders: (partyId) => countPartyOpenOrders(store, partyId),
    now,
  };
}

/** What a list refresh's monitoring needs, wired from the environment. */
export function resolveScreenListChangesDeps(
  startFullRescreen: ScreenListChangesDeps['startFullRescreen'],
): ScreenListChangesDeps {
  const store = { db: documentClient, tableName: getConfig().tableName };
  const bucket = readScreeningBucket();
  return {
    artifacts: createS3IndexArtifactStore(s3Client, bucket),
    state: createS3MonitoringStateStore(s3Client, bucket),
    monitored: store,
    raiseAlerts: resolveRaiseScreeningAlerts(),
    startFullRescreen,
    threshold: readMatchThreshold(),
    now,
  };
}

/**
 * Starts a full re-screen (the `monitoringRescreen` workflow: a Distributed Map over the monitored names).
 * The execution name is derived from what asks for it, so the hourly monitoring run that finds the matcher
 * changed starts one run per hour at most, however often it is invoked.
 */
export async function startMonitoringRescreen(
  reason: string,
  name = `rescreen-${fingerprint({ reason }).slice(0, 12)}-${now().toISOString().slice(0, 13).replace(/[-T:]/g, '')}`,
): Promise<{ executionArn: string }> {
  try {
    const started = await sfnClient.send(
      new StartExecutionCommand({
        stateMachineArn: readWorkflowArn('monitoringRescreen'),
        name,
        input: JSON.stringify({ reason }),
      }),
    );
    return { executionArn: started.executionArn! };
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
    const arn = readWorkflowArn('monitoringRescreen').replace(':stateMachine:', ':execution:');
    return { executionArn: `${arn}:${name}` };
  }
}

let loadedIndex: { key: string; index: Promise<ScreeningIndex> } | undefined;

/** The index of one artifact, kept per container: every child of a re-screen screens against the same one. */
export function loadArtifactIndex(artifactKey: string): Promise<ScreeningIndex> {
  if (loadedIndex?.key !== artifactKey) {
    const store = createS3IndexArtifactStore(s3Client, readScreeningBucket());
    const index = store.readArtifact(artifactKey).then((body) => {
      const { snapshot } = decodeIndexArtifact(body);
      return buildScreeningIndex(snapshot.entities, snapshot.listVersion);
    });
    // a failed load is not kept: the next child tries again
    index.catch(() => (loadedIndex = undefined));
    loadedIndex = { key: artifactKey, index };
  }
  return loadedIndex.index;
}

/** The alert-raising service, wired from the environment. */
export function resolveRaiseScreeningAlerts(): RaiseScreeningAlerts {
  const store = { db: documentClient, tableName: getConfig().tableName };
  const fileReviewTask = resolveFileReviewTask();
  return (run, hits) => raiseScreeningAlerts({ parties: store, fileReviewTask, now }, run, hits);
}

import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import * as z from 'zod';
import { now } from '../../commons/clock';
import { documentClient } from '../../commons/aws-clients';
import { getConfig } from '../../commons/config';
import { logger } from '../../commons/logger';
import { s3Client } from '../../commons/s3-client';
import { readMatchThreshold } from '../../screening/matching/screening-settings';
import { createS3IndexArtifactStore } from '../../screening/repositories/index-artifact-store';
import { createS3MonitoringStateStore } from '../../screening/repositories/monitoring-state-store';
import { readScreeningBucket } from '../../screening/screening-config';
import {
  completeRescreen,
  exportMonitoredNames,
  screenMonitoredShards,
  type RescreenExport,
  type ShardBatch,
} from '../../screening/usecases/full-rescreen';
import { loadArtifactIndex, resolveRaiseScreeningAlerts } from './monitoring-deps';

/**
 * The steps of the `monitoringRescreen` workflow (state-machines/monitoring-rescreen.asl.json), one Lambda
 * each. They live in the composition root: screening screens, the parties area raises the alerts.
 */

const exportInput = z.object({ runId: z.string().min(1).max(80), reason: z.string().max(500) });

/** Step 1: the monitored names to S3 shards. */
export const exportHandler = middy<unknown, RescreenExport>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const bucket = readScreeningBucket();
    const exported = await exportMonitoredNames(
      {
        monitored: { db: documentClient, tableName: getConfig().tableName },
        artifacts: createS3IndexArtifactStore(s3Client, bucket),
        s3: s3Client,
        bucket,
        threshold: readMatchThreshold(),
      },
      exportInput.parse(event),
    );
    logger.info('monitoring re-screen: names exported', { ...exported });
    return exported;
  });

const batchInput = z.object({
  Items: z.array(z.looseObject({ Key: z.string().min(1) })).min(1),
  BatchInput: z.object({
    runId: z.string(),
    bucket: z.string(),
    listArtifactKey: z.string(),
    listVersion: z.string(),
  }),
});

/** Step 2: one child of the Distributed Map. */
export const screenHandler = middy<unknown, unknown>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) =>
    screenMonitoredShards(
      {
        s3: s3Client,
        loadIndex: loadArtifactIndex,
        raiseAlerts: resolveRaiseScreeningAlerts(),
        threshold: readMatchThreshold(),
      },
      batchInput.parse(event) as ShardBatch,
    ),
  );

const completeInput = z.object({
  export: z.looseObject({ runId: z.string(), names: z.number() }),
  screened: z.looseObject({ ResultWriterDetails: z.object({ Bucket: z.string(), Key: z.string() }) }),
});

/** Step 3: the totals, and the monitoring state when every batch succeeded. */
export const completeHandler = middy<unknown, unknown>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const input = completeInput.parse(event) as unknown as Parameters<typeof completeRescreen>[1];
    const summary = await completeRescreen(
      { s3: s3Client, state: createS3MonitoringStateStore(s3Client, readScreeningBucket()), now },
      input,
    );
    logger.info('monitoring re-screen complete', { ...summary });
    return summary;
  });

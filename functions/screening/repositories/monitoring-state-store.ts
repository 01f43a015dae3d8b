import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';

/** Where ongoing monitoring records how far it has screened, in the screening bucket. */
export const MONITORING_STATE_KEY = 'monitoring/state.json';

const stateSchema = z.object({
  /** The artifact whose entities every monitored name has been screened against. */
  screenedArtifactKey: z.string().min(1),
  listVersion: z.string().min(1),
  /** The matcher and threshold that screening used: a change asks for a full re-screen. */
  matcherVersion: z.string().min(1),
  screenedAt: z.string().min(1),
});

/** How far monitoring has screened. */
export type MonitoringState = z.output<typeof stateSchema>;

/** Reads and writes the monitoring state. */
export interface MonitoringStateStore {
  read(): Promise<MonitoringState | undefined>;
  write(state: MonitoringState): Promise<void>;
}

/** A {@link MonitoringStateStore} on the screening bucket. */
export function createS3MonitoringStateStore(s3: S3Client, bucket: string): MonitoringStateStore {
  return {
    async read() {
      try {
        const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: MONITORING_STATE_KEY }));
        return stateSchema.parse(JSON.parse(await object.Body!.transformToString()));
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
    async write(state) {
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: MONITORING_STATE_KEY,
          Body: JSON.stringify(stateSchema.parse(state)),
          ContentType: 'application/json',
        }),
      );
    },
  };
}

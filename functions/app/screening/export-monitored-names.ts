/** Step 1 of the re-screen workflow: the monitored names to S3 shards. */
export { exportHandler as handler } from './rescreen-steps';

/** The bucket that holds the screening index artifacts, from SCREENING_BUCKET. */
export function readScreeningBucket(env: Record<string, string | undefined> = process.env): string {
  const bucket = env.SCREENING_BUCKET;
  if (!bucket) throw new Error('environment variable SCREENING_BUCKET is not set');
  return bucket;
}

/** Names the local stack gives the AWS resources the CDK stack would create. */
export const localResourceNames = {
  tableName: 'trustflow',
  documentsBucket: 'trustflow-documents',
  screeningBucket: 'trustflow-screening',
  region: 'us-east-1',
} as const;

/** Browser origins the local API and bucket allow (cdk.json's default for AWS is the same). */
export const localBrowserOrigins = ['*'] as const;

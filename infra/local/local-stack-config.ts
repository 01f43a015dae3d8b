/** Names the local stack gives the AWS resources the CDK stack would create. */
export const localResourceNames = {
  tableName: 'trustflow',
  documentsBucket: 'trustflow-documents',
  region: 'us-east-1',
} as const;

/** The CORS origins the local bucket allows (cdk.json's default for AWS is the same). */
export const localUploadAllowedOrigins = ['*'] as const;

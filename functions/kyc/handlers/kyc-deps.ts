import { documentClient, s3Client } from '../../commons/aws-clients';
import { now } from '../../commons/clock';
import { getConfig } from '../../commons/config';
import type { CaseStore } from '../repositories/case-repository';
import type { DocumentObjectStore } from '../repositories/document-object-store';

/** The real dependencies of the KYC use cases, wired from the environment. */
export function resolveKycDeps(): { cases: CaseStore; objects: DocumentObjectStore; now: () => Date } {
  const config = getConfig();
  return {
    cases: { db: documentClient, tableName: config.tableName },
    objects: { s3: s3Client, bucket: config.documentsBucket },
    now,
  };
}

import { documentClient } from '../../commons/aws-clients';
import { getConfig } from '../../commons/config';
import type { CaseStore } from '../repositories/case-repository';

/** The case store, wired from the environment. */
export function resolveCaseStore(): CaseStore {
  return { db: documentClient, tableName: getConfig().tableName };
}

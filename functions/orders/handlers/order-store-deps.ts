import { documentClient } from '../../commons/aws-clients';
import { getConfig } from '../../commons/config';
import type { OrderStore } from '../repositories/order-repository';

/** The order store (also the party and ledger store: one table), wired from the environment. */
export function resolveOrderStore(): OrderStore {
  return { db: documentClient, tableName: getConfig().tableName };
}

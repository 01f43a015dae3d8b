import { generateId } from '../../commons/ids';
import type { TransactItem } from '../../commons/storage/transact-write';
import type { PartyStore } from '../../kernel/parties/repositories/party-repository';

/**
 * The Put of one append-only audit entry on a supplier's party (`PARTY#<id>` / `AUDIT#<at>#<step>#<id>`),
 * for the transaction of the change it records. `step` orders entries of one instant: an approval (0)
 * before the decision it lets take effect (1).
 */
export function auditEntryPut(
  parties: PartyStore,
  supplierId: string,
  entry: { at: string; type: string; [field: string]: unknown },
  step = 0,
): TransactItem {
  return {
    Put: {
      TableName: parties.tableName,
      Item: {
        pk: `PARTY#${supplierId}`,
        sk: `AUDIT#${entry.at}#${step}#${generateId('aud')}`,
        entity: 'AUDIT_EVENT',
        ...entry,
      },
      // audit entries are append-only
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

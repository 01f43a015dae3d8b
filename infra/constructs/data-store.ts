import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { tableSchema } from '../../functions/commons/storage/table-schema';

/**
 * The single DynamoDB table and the customer-managed KMS key that encrypts it.
 *
 * Keys, indexes, TTL and stream come from {@link tableSchema}, the definition the local stack also
 * builds its table from.
 */
export class DataStore extends Construct {
  /** Encrypts the table and its stream. */
  readonly key: Key;
  /** The single table. */
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    // Retained with the table: deleting the key would make every backup and retained item unreadable.
    this.key = new Key(this, 'Key', {
      description: 'TrustFlow: encrypts the single DynamoDB table (KYC cases, orders, review tasks)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table = new Table(this, 'Table', {
      partitionKey: { name: tableSchema.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableSchema.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      timeToLiveAttribute: tableSchema.timeToLiveAttribute,
      stream: StreamViewType[tableSchema.streamView],
      // KYC records carry legal retention duties: neither a stack deletion nor a console slip may drop them.
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
    });

    for (const index of tableSchema.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        // Queries on the indexes return whole items, so a request never needs a second read per item.
        projectionType: ProjectionType.ALL,
      });
    }
  }
}

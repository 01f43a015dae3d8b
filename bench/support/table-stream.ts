/**
 * The table's stream on DynamoDB Local, for benchmarks that count and size what was written (writes are
 * billed by item size, so sizes come from the stored items, not from an API's view).
 */

/** A DynamoDB attribute value in the wire format. */
export type AttributeValue = Record<string, any>;

/** One record of the stream (NEW_AND_OLD_IMAGES). */
export interface StreamRecord {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  dynamodb: {
    SequenceNumber: string;
    Keys: Record<string, AttributeValue>;
    NewImage?: Record<string, AttributeValue>;
    OldImage?: Record<string, AttributeValue>;
  };
}

/** Size of a DynamoDB value as DynamoDB bills it (names and values in bytes, numbers ~1 byte per 2 digits). */
function attributeSize(value: AttributeValue): number {
  if ('S' in value) return Buffer.byteLength(value.S as string);
  if ('N' in value) return Math.ceil(String(value.N).replace(/[-.]/g, '').replace(/^0+/, '').length / 2) + 1;
  if ('B' in value) return Buffer.from(value.B as string, 'base64').length;
  if ('BOOL' in value || 'NULL' in value) return 1;
  if ('SS' in value) return (value.SS as string[]).reduce((sum, s) => sum + Buffer.byteLength(s), 0);
  if ('NS' in value) return (value.NS as string[]).reduce((sum, n) => sum + attributeSize({ N: n }), 0);
  if ('L' in value) return 3 + (value.L as AttributeValue[]).reduce((sum, v) => sum + 1 + attributeSize(v), 0);
  if ('M' in value) return 3 + itemSize(value.M as Record<string, AttributeValue>) + Object.keys(value.M).length;
  return 0;
}

/** Size of an item as DynamoDB bills it. */
export function itemSize(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + attributeSize(value), 0);
}

/**
 * Calls the DynamoDB Streams API of DynamoDB Local: the project has no SDK client for it, and Local checks no
 * signature, only the access key, which selects the stack's database (the functions run as `S3RVER`).
 */
async function streamsCall<T>(endpoint: string, action: string, body: unknown): Promise<T> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDBStreams_20120810.${action}`,
      authorization:
        'AWS4-HMAC-SHA256 Credential=S3RVER/20250101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`DynamoDB Streams ${action}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Every record of the table's stream so far. */
export async function readTableStream(endpoint: string, tableName: string): Promise<StreamRecord[]> {
  const { Streams } = await streamsCall<{ Streams: { StreamArn: string }[] }>(endpoint, 'ListStreams', {
    TableName: tableName,
  });
  const records: StreamRecord[] = [];
  for (const { StreamArn } of Streams) {
    const { StreamDescription } = await streamsCall<{ StreamDescription: { Shards: { ShardId: string }[] } }>(
      endpoint,
      'DescribeStream',
      { StreamArn },
    );
    for (const { ShardId } of StreamDescription.Shards) {
      let { ShardIterator } = await streamsCall<{ ShardIterator?: string }>(endpoint, 'GetShardIterator', {
        StreamArn,
        ShardId,
        ShardIteratorType: 'TRIM_HORIZON',
      });
      while (ShardIterator) {
        const page = await streamsCall<{ Records: StreamRecord[]; NextShardIterator?: string }>(
          endpoint,
          'GetRecords',
          { ShardIterator, Limit: 1000 },
        );
        records.push(...page.Records);
        ShardIterator = page.Records.length > 0 ? page.NextShardIterator : undefined;
      }
    }
  }
  return records;
}

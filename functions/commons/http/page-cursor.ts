import { badRequest } from './problem';

/** A DynamoDB LastEvaluatedKey as the opaque `nextCursor` of a page. */
export function encodePageCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * The key a `cursor` query parameter stands for: only a cursor this API returned (the same string
 * attributes, nothing else) is accepted, so a client cannot start a Query at a key of its choosing.
 * @param keyNames the attributes of the index's key, e.g. `['pk', 'sk']`
 * @param accept further checks of the key's values (its partition, say)
 * @throws ProblemError 400 naming `/cursor`
 */
export function decodePageCursor(
  cursor: string,
  keyNames: readonly string[],
  accept: (key: Record<string, string>) => boolean = () => true,
): Record<string, string> {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    const valid =
      typeof key === 'object' &&
      key !== null &&
      Object.keys(key).sort().join() === [...keyNames].sort().join() &&
      Object.values(key).every((value) => typeof value === 'string') &&
      accept(key as Record<string, string>);
    if (valid) return key as Record<string, string>;
  } catch {
    // reported below
  }
  throw badRequest('cursor is not a cursor this API returned', [
    { pointer: '/cursor', detail: 'must be the nextCursor of a previous page' },
  ]);
}

import { randomUUID } from 'node:crypto';

/** A new opaque, unguessable identifier such as `kyc_3f2c…`; the prefix says what it names. */
export function generateId(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll('-', '')}`;
}

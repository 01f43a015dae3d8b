/**
 * FNV-1a of a string, as an unsigned 32-bit integer: stable across runtimes and deployments, unlike any
 * built-in hash, so it can spread keys over a fixed number of partitions (the outbox, the monitored names).
 */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/*
 * Key layout of a KYC case in the single table. Everything about one case shares its partition, so
 * one Query returns the case, its documents and its timeline:
 *   CASE#<caseId> / CASE                    the case
 *   CASE#<caseId> / DOCUMENT#<documentId>   a document
 *   CASE#<caseId> / EVENT#<at>#<seq>#<eventId>  a timeline entry (append-only)
 * gsi2: PARTY#<partyId> / CASE#<createdAt>#<caseId> lists a party's cases.
 */

/** Partition of a case. */
export function casePartition(caseId: string): string {
  return `CASE#${caseId}`;
}

/** Primary key of the case item. */
export function caseKey(caseId: string) {
  return { pk: casePartition(caseId), sk: 'CASE' };
}

/** Primary key of a document item. */
export function documentKey(caseId: string, documentId: string) {
  return { pk: casePartition(caseId), sk: `DOCUMENT#${documentId}` };
}

/**
 * Primary key of a timeline entry; ISO timestamps sort in time order, and `sequence` keeps the order of
 * entries written together (they share a timestamp).
 */
export function timelineEventKey(caseId: string, at: string, eventId: string, sequence = 0) {
  return { pk: casePartition(caseId), sk: `EVENT#${at}#${String(sequence).padStart(3, '0')}#${eventId}` };
}

/** gsi2 keys that list a party's cases. */
export function partyCaseIndexKeys(partyId: string, createdAt: string, caseId: string) {
  return { gsi2pk: `PARTY#${partyId}`, gsi2sk: `CASE#${createdAt}#${caseId}` };
}

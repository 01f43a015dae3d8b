/** An identifier reduced to upper-case letters and digits, as lists and applicants write them differently. */
export function canonicalIdentifier(value: string): string {
  return value.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/**
 * Reads a Harmonized System code as written on an order or in a rules file: "8471.30", "8471 30 00" and
 * "847130" are the same code. HS chapters have 2 digits and national tariff lines at most 10.
 * @returns the digits, or undefined when the text is not an HS code
 */
export function normaliseHsCode(raw: string): string | undefined {
  const digits = raw.trim().replace(/[.\s-]/g, '');
  return /^\d{2,10}$/.test(digits) ? digits : undefined;
}

/** Writes normalised digits the way customs documents do, "854231" as "8542.31", for reasons a person reads. */
export function formatHsCode(digits: string): string {
  if (digits.length <= 4) return digits;
  const pairs = digits.slice(4).match(/\d{1,2}/g) ?? [];
  return [digits.slice(0, 4), ...pairs].join('.');
}

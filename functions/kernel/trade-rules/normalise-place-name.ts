/**
 * Folds a place name for whole-word comparison: accents and case dropped, punctuation and spaces
 * collapsed to one space. Cyrillic stays Cyrillic, so the rules files list both spellings instead of
 * depending on a transliteration that differs between Russian and Ukrainian.
 * "Sevastopol'", "SEVASTOPOL" and "Sévastopol" all become "sevastopol".
 */
export function normalisePlaceName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * True when `name` (already normalised) occurs in `text` (already normalised) as whole words, so that
 * "krym" finds "Krym" and "Respublika Krym" but not "Krymsk", a town in Russia.
 */
export function containsPlaceName(text: string, name: string): boolean {
  return ` ${text} `.includes(` ${name} `);
}

import anyAscii from 'any-ascii';

/**
 * Address text in one comparable form: ASCII, lower case, street-type abbreviations spelt out, every run of
 * punctuation and spaces one space. "Lindenstr. 12" and "LINDENSTRASSE 12" read alike, as do "Rue de la
 * Paix" and "r. de la paix".
 */
export function normaliseAddressText(text: string): string {
  const words = anyAscii(text)
    .toLowerCase()
    .replace(/ß/g, 'ss')
    // a German street name written as one word: Lindenstr. / Lindenstrasse
    .replace(/([a-z])str\b\.?/g, '$1strasse')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  return words.map((word) => streetWords[word] ?? word).join(' ');
}

/** Common abbreviations of street types, spelt out. */
const streetWords: Record<string, string> = {
  st: 'street',
  str: 'strasse',
  rd: 'road',
  ave: 'avenue',
  av: 'avenue',
  blvd: 'boulevard',
  ln: 'lane',
  dr: 'drive',
  pl: 'place',
  sq: 'square',
  ct: 'court',
  r: 'rue',
  hwy: 'highway',
};

/** A postcode without spaces or dashes, upper case: `10969`, `SW1A1AA`, `1000001`. */
export function normalisePostcode(postcode: string): string {
  return anyAscii(postcode)
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

/**
 * Whether `found` (what a proof of address says) shows the street line `line1` and, if given, the postcode:
 * every word of the street line is there (house number included), and the postcode is there with or
 * without its spaces. Order and punctuation do not matter; a different house number does.
 */
export function addressShows(
  found: string,
  expected: { line1: string; postalCode?: string },
): { street: boolean; postcode: boolean | undefined } {
  const words = new Set(normaliseAddressText(found).split(' '));
  const street = normaliseAddressText(expected.line1)
    .split(' ')
    .every((word) => words.has(word));
  if (!expected.postalCode) return { street, postcode: undefined };
  const postcode = normalisePostcode(expected.postalCode);
  const compact = normalisePostcode(found);
  return { street, postcode: postcode.length > 0 && compact.includes(postcode) };
}

/**
 * Whether address text names a country: its ISO 3166-1 alpha-2 code as the last word, or its English name (and,
 * for the countries whose own name differs, the usual native one).
 */
export function addressNamesCountry(found: string, country: string): boolean {
  const text = ` ${normaliseAddressText(found)} `;
  const names = [new Intl.DisplayNames(['en'], { type: 'region' }).of(country), ...(nativeNames[country] ?? [])]
    .filter((name): name is string => Boolean(name))
    .map((name) => ` ${normaliseAddressText(name)} `);
  // a two-letter code counts only as the address's last word ("…, 10969 Berlin, DE"): "de" and "la" are
  // common words of street names
  return text.trimEnd().endsWith(` ${country.toLowerCase()}`) || names.some((name) => text.includes(name));
}

/**
 * Postcode formats of common countries of residence. A domestic bill rarely prints its own country, so an
 * address that names no country shows the residence by a postcode in that country's format.
 */
const postcodeFormats: Record<string, RegExp> = {
  DE: /\b\d{5}\b/,
  FR: /\b\d{5}\b/,
  IT: /\b\d{5}\b/,
  ES: /\b\d{5}\b/,
  AT: /\b\d{4}\b/,
  CH: /\b\d{4}\b/,
  BE: /\b\d{4}\b/,
  NL: /\b\d{4} ?[A-Z]{2}\b/,
  GB: /\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b/,
  US: /\b\d{5}(-\d{4})?\b/,
  BR: /\b\d{5}-\d{3}\b/,
  CN: /\b\d{6}\b/,
  IN: /\b\d{6}\b/,
  JP: /\b\d{3}-\d{4}\b/,
  SE: /\b\d{3} \d{2}\b/,
  PL: /\b\d{2}-\d{3}\b/,
  PT: /\b\d{4}-\d{3}\b/,
};

/** Whether an address that names no country has a postcode in the format of `country`. */
export function addressHasPostcodeOf(found: string, country: string): boolean {
  const format = postcodeFormats[country];
  return format !== undefined && format.test(anyAscii(found).toUpperCase());
}

/** Whether the address names any country at all, by its English name. */
export function addressNamesAnyCountry(found: string): boolean {
  const text = ` ${normaliseAddressText(found)} `;
  return allCountryNames().some((name) => text.includes(` ${name} `));
}

let countryNames: string[] | undefined;
function allCountryNames(): string[] {
  if (!countryNames) {
    const display = new Intl.DisplayNames(['en'], { type: 'region' });
    countryNames = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ']
      .flatMap((a) => [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((b) => a + b))
      .map((code) => {
        try {
          const name = display.of(code);
          return name && name !== code ? normaliseAddressText(name) : undefined;
        } catch {
          return undefined;
        }
      })
      .filter((name): name is string => Boolean(name) && name!.length > 3);
    countryNames.push(...Object.values(nativeNames).flat().map(normaliseAddressText));
  }
  return countryNames;
}

/** Native names that bills print instead of the English one. */
const nativeNames: Record<string, string[]> = {
  DE: ['Deutschland'],
  AT: ['Österreich'],
  CH: ['Schweiz', 'Suisse', 'Svizzera'],
  FR: ['France'],
  ES: ['España'],
  IT: ['Italia'],
  NL: ['Nederland'],
  BE: ['België', 'Belgique'],
  BR: ['Brasil'],
  CN: ['中国', 'Zhongguo'],
  JP: ['日本', 'Nihon', 'Nippon'],
  PL: ['Polska'],
  SE: ['Sverige'],
  NO: ['Norge'],
  DK: ['Danmark'],
  FI: ['Suomi'],
  PT: ['Portugal'],
  GB: ['UK', 'Great Britain', 'England', 'Scotland', 'Wales', 'Northern Ireland'],
  US: ['USA', 'United States of America'],
};

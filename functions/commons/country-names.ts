import { countryCodes } from './country-codes';

/**
 * Country names as the sanctions lists spell them (UN uses the UN Terminology Bulletin names, e.g.
 * "Iran (Islamic Republic of)", "Türkiye"; BIS mostly uses alpha-2 codes but also "PRC") mapped to
 * ISO 3166-1 alpha-2. Keys are {@link normaliseCountryName}d, so case, accents and punctuation
 * variants of the same name share one entry. Kept as data, not CLDR, so the list stays reviewable
 * and only maps names we have actually seen or expect from the publishers.
 */
// prettier-ignore
const NAMES: Readonly<Record<string, string>> = {
  // UN Terminology names and their common short forms
  'afghanistan': 'AF', 'albania': 'AL', 'algeria': 'DZ', 'bangladesh': 'BD', 'belgium': 'BE',
  'bosnia and herzegovina': 'BA', 'bosnia herzegovina': 'BA', 'british virgin islands': 'VG', 'virgin islands british': 'VG',
  'central african republic': 'CF', 'chad': 'TD', 'china': 'CN', 'peoples republic of china': 'CN', 'prc': 'CN',
  'china hong kong special administrative region': 'HK', 'hong kong': 'HK', 'hong kong sar': 'HK', 'hong kong china': 'HK',
  'china macao special administrative region': 'MO', 'macao': 'MO', 'macau': 'MO', 'comoros': 'KM',
  'congo': 'CG', 'republic of the congo': 'CG', 'congo brazzaville': 'CG',
  'democratic republic of the congo': 'CD', 'congo democratic republic of the': 'CD', 'dr congo': 'CD', 'drc': 'CD', 'congo kinshasa': 'CD',
  'democratic peoples republic of korea': 'KP', 'dprk': 'KP', 'north korea': 'KP', 'korea north': 'KP', 'korea democratic peoples republic of': 'KP',
  'republic of korea': 'KR', 'south korea': 'KR', 'korea south': 'KR', 'korea republic of': 'KR',
  'egypt': 'EG', 'eritrea': 'ER', 'ethiopia': 'ET', 'france': 'FR', 'gabon': 'GA', 'georgia': 'GE', 'germany': 'DE',
  'guinea bissau': 'GW', 'haiti': 'HT', 'india': 'IN', 'indonesia': 'ID', 'iran': 'IR', 'iran islamic republic of': 'IR',
  'islamic republic of iran': 'IR', 'iraq': 'IQ', 'italy': 'IT', 'jordan': 'JO', 'kenya': 'KE', 'kuwait': 'KW', 'lebanon': 'LB',
  'libya': 'LY', 'libyan arab jamahiriya': 'LY', 'liechtenstein': 'LI', 'malaysia': 'MY', 'mali': 'ML', 'marshall islands': 'MH',
  'mauritania': 'MR', 'morocco': 'MA', 'myanmar': 'MM', 'burma': 'MM', 'netherlands': 'NL', 'netherlands kingdom of the': 'NL',
  'the netherlands': 'NL', 'holland': 'NL', 'niger': 'NE', 'nigeria': 'NG', 'norway': 'NO', 'oman': 'OM', 'pakistan': 'PK',
  'state of palestine': 'PS', 'palestine': 'PS', 'palestine state of': 'PS', 'occupied palestinian territory': 'PS',
  'panama': 'PA', 'philippines': 'PH', 'qatar': 'QA', 'russian federation': 'RU', 'russia': 'RU', 'rwanda': 'RW',
  'saudi arabia': 'SA', 'senegal': 'SN', 'singapore': 'SG', 'somalia': 'SO', 'south sudan': 'SS', 'sudan': 'SD',
  'sweden': 'SE', 'switzerland': 'CH', 'syrian arab republic': 'SY', 'syria': 'SY', 'tajikistan': 'TJ', 'trinidad and tobago': 'TT',
  'tunisia': 'TN', 'turkiye': 'TR', 'turkey': 'TR', 'republic of turkiye': 'TR', 'uganda': 'UG',
  'united arab emirates': 'AE', 'uae': 'AE',
  'united kingdom of great britain and northern ireland': 'GB', 'united kingdom': 'GB', 'uk': 'GB', 'great britain': 'GB', 'britain': 'GB',
  'united republic of tanzania': 'TZ', 'tanzania': 'TZ', 'tanzania united republic of': 'TZ',
  'united states of america': 'US', 'united states': 'US', 'usa': 'US', 'us': 'US', 'u s a': 'US', 'u s': 'US',
  'uzbekistan': 'UZ', 'viet nam': 'VN', 'vietnam': 'VN', 'yemen': 'YE',
  // Frequent on the other lists the screening engine loads (OFAC, EU) and in customer input
  'austria': 'AT', 'belarus': 'BY', 'bulgaria': 'BG', 'canada': 'CA', 'cuba': 'CU', 'cyprus': 'CY', 'kosovo': 'XK',
  'lao peoples democratic republic': 'LA', 'laos': 'LA', 'luxembourg': 'LU', 'malta': 'MT', 'mexico': 'MX', 'nicaragua': 'NI',
  'republic of moldova': 'MD', 'moldova': 'MD', 'spain': 'ES', 'taiwan': 'TW', 'taiwan province of china': 'TW',
  'ukraine': 'UA', 'venezuela': 'VE', 'venezuela bolivarian republic of': 'VE', 'bolivarian republic of venezuela': 'VE',
  'zimbabwe': 'ZW', 'cote divoire': 'CI', 'ivory coast': 'CI', 'eswatini': 'SZ', 'swaziland': 'SZ', 'czechia': 'CZ',
  'czech republic': 'CZ', 'north macedonia': 'MK', 'bahrain': 'BH', 'azerbaijan': 'AZ', 'armenia': 'AM', 'kazakhstan': 'KZ',
  'kyrgyzstan': 'KG', 'turkmenistan': 'TM', 'serbia': 'RS', 'montenegro': 'ME', 'croatia': 'HR', 'greece': 'GR',
};

/**
 * Values the lists put in a country field that are not countries: "na" (not available) on the UN list,
 * "former Soviet Union" (a dissolved state with no current ISO code; SU is retired), and "NM" on the
 * BIS list (a US state, New Mexico, entered in the country column). Loaders keep them out of the
 * mapped output; callers can test for them to tell "deliberately unmapped" from "mapping missing".
 */
/** OFAC's spellings (SDN remarks and addresses) that neither the table above nor CLDR names cover. */
// prettier-ignore
const OFAC_SPELLINGS: Readonly<Record<string, string>> = {
  'region: gaza': 'PS', 'region: west bank': 'PS', 'region: northern gaza': 'PS', 'region: north gaza': 'PS',
  'region: crimea': 'UA', 'region: russia': 'RU',
  'turkey': 'TR',
  'korea, north': 'KP',
  'korea, south': 'KR',
  'burma': 'MM',
  'hong kong': 'HK',
  'macau': 'MO',
  'congo, democratic republic of the': 'CD',
  'congo, republic of the': 'CG',
  'cote d ivoire': 'CI',
  "cote d'ivoire": 'CI',
  'the gambia': 'GM',
  'gambia, the': 'GM',
  'bahamas, the': 'BS',
  'north macedonia, the republic of': 'MK',
  'czech republic': 'CZ',
  'virgin islands, british': 'VG',
  'man, isle of': 'IM',
  'cabo verde': 'CV',
  'saint kitts and nevis': 'KN',
  'saint vincent and the grenadines': 'VC',
  'trinidad and tobago': 'TT',
  'antigua and barbuda': 'AG',
  'bosnia and herzegovina': 'BA',
  'netherlands antilles': 'AN',
  'west bank': 'PS',
  'palestinian': 'PS',
  'palestinian authority': 'PS',
};

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
let index: Map<string, string> | undefined;

/** Every way this module knows to write a country, normalised: the tables, then CLDR's English names. */
function nameIndex(): Map<string, string> {
  if (index) return index;
  index = new Map<string, string>();
  for (const code of countryCodes) {
    const name = regionNames.of(code);
    if (name) index.set(normaliseCountryName(name.replace(/&/g, 'and')), code);
  }
  for (const [name, code] of Object.entries({ ...OFAC_SPELLINGS, ...NAMES }))
    index.set(normaliseCountryName(name), code);
  return index;
}

export const UNMAPPABLE_COUNTRY_VALUES: ReadonlySet<string> = new Set(['na', 'n a', 'former soviet union', 'nm']);

/** Lower-cases, strips accents and punctuation, and collapses spaces so spelling variants share a key. */
export function normaliseCountryName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Maps a country name or code as a sanctions list writes it to an ISO 3166-1 alpha-2 code.
 * Accepts valid alpha-2 codes as-is (BIS writes codes), and names via the table above.
 * @returns the code, or `undefined` when the value is empty, not a country, or not in the table.
 */
export function countryNameToCode(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return undefined;
  // Only treat 2-letter upper-case input as a code: "us" typed in prose is caught by the table instead.
  if (/^[A-Z]{2}$/.test(trimmed) && countryCodes.has(trimmed)) return trimmed;
  const code = nameIndex().get(normaliseCountryName(trimmed.replace(/&/g, 'and')));
  return code !== undefined && countryCodes.has(code) ? code : undefined;
}

/** Whether the value is one of the known non-country entries ({@link UNMAPPABLE_COUNTRY_VALUES}). */
export function isUnmappableCountryValue(name: string): boolean {
  return UNMAPPABLE_COUNTRY_VALUES.has(normaliseCountryName(name));
}

/** Every code the name table produces; exported so a test can check them all against the ISO list. */
export const mappedCountryCodes: readonly string[] = [...new Set(Object.values(NAMES))];

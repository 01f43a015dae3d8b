import { countryNameToCode } from '../../commons/country-names';
import type { EntityIdentifier, EntityName } from './sanctioned-entity';

/** What the free-text remarks column of an OFAC legacy CSV record says, in structured form. */
export interface ParsedRemarks {
  aliases: EntityName[];
  /** ISO dates (YYYY-MM-DD) or years (YYYY). */
  datesOfBirth: string[];
  /** As listed: the entity model has no field for it, but callers may show it to an analyst. */
  placesOfBirth: string[];
  /** ISO 3166-1 alpha-2 where mappable, else the text as listed. */
  nationalities: string[];
  identifiers: EntityIdentifier[];
}

const MONTHS: Record<string, string> = {
  jan: '01',
  feb: '02',
  mar: '03',
  apr: '04',
  may: '05',
  jun: '06',
  jul: '07',
  aug: '08',
  sep: '09',
  oct: '10',
  nov: '11',
  dec: '12',
};

/** A range wider than this is a guess by the publisher, not a useful filter; keep only its ends. */
const MAX_EXPANDED_YEARS = 10;

/**
 * Maps an OFAC country name ("Iran", "Korea, North", "Congo, Democratic Republic of the") to ISO 3166-1 alpha-2.
 * Returns the trimmed input when the name is unknown, as the entity model asks ("else the text as listed").
 */
export function countryToIso(name: string): string {
  const text = name.trim().replace(/\.$/, '');
  return countryNameToCode(text) ?? text;
}

/** Converts one OFAC date ("12 Jan 1960", "Jan 1960", "1960") to YYYY-MM-DD or YYYY; undefined if it is not one. */
export function parseOfacDate(text: string): string | undefined {
  const full = /^(\d{1,2}) ([A-Za-z]{3}) (\d{4})$/.exec(text.trim());
  if (full) {
    const month = MONTHS[full[2]!.toLowerCase()];
    return month ? `${full[3]}-${month}-${full[1]!.padStart(2, '0')}` : undefined;
  }
  // A month without a day cannot be an ISO date in the model's YYYY-MM-DD | YYYY shape, so it degrades to its year.
  const year = /^(?:[A-Za-z]{3} )?(\d{4})$/.exec(text.trim());
  return year ? year[1] : undefined;
}

/**
 * Parses the DOB value of a remarks segment: a date, `circa <date>`, or `<date> to <date>`.
 * A range yields every year in it (so a screening query for any of them matches) unless it is implausibly
 * wide, in which case only its two ends are kept.
 */
export function parseDateOfBirth(value: string): string[] {
  const text = value
    .trim()
    .replace(/\.$/, '')
    .replace(/^circa /i, '');
  // OFAC writes ranges as "1960 to 1962" and, once in the 2024 file, "circa 1979-1982".
  const range = /^(.+?)(?: to |-)(.+)$/.exec(text);
  if (!range) {
    const date = parseOfacDate(text);
    return date ? [date] : [];
  }
  const from = parseOfacDate(range[1]!.replace(/^circa /i, ''));
  const to = parseOfacDate(range[2]!.replace(/^circa /i, ''));
  if (!from || !to) return [];
  const first = Number(from.slice(0, 4));
  const last = Number(to.slice(0, 4));
  if (last < first || last - first > MAX_EXPANDED_YEARS) return [from, to];
  return Array.from({ length: last - first + 1 }, (_, i) => String(first + i));
}

/**
 * Identifier labels as OFAC writes them, longest first where one is a prefix of another. Labels not in this
 * table (e-mail, website, digital currency address, directive text...) are deliberately not identifiers.
 */
const IDENTIFIER_LABELS: ReadonlyArray<readonly [string, string]> = [
  ['Vessel Registration Identification IMO', 'IMO'],
  ['Diplomatic Passport', 'PASSPORT'],
  ['British National Overseas Passport', 'PASSPORT'],
  ['Stateless Person Passport', 'PASSPORT'],
  ['Passport', 'PASSPORT'],
  ['National ID No.', 'NATIONAL_ID'],
  ['National Foreign ID Number', 'NATIONAL_ID'],
  ['Cedula No.', 'NATIONAL_ID'],
  ['Identification Number', 'NATIONAL_ID'],
  ['Personal ID Card', 'NATIONAL_ID'],
  ['C.U.R.P.', 'NATIONAL_ID'],
  ['Turkish Identification Number', 'NATIONAL_ID'],
  ['Electoral Registry No.', 'NATIONAL_ID'],
  ['Birth Certificate Number', 'NATIONAL_ID'],
  ['Numero de Identidad', 'NATIONAL_ID'],
  ['Residency Number', 'NATIONAL_ID'],
  ['Travel Document Number', 'PASSPORT'],
  ["Driver's License No.", 'DRIVERS_LICENSE'],
  ['D.N.I.', 'NATIONAL_ID'],
  ['SSN', 'NATIONAL_ID'],
  ['Tax ID No.', 'TAX_ID'],
  ['NIT #', 'TAX_ID'],
  ['RUC #', 'TAX_ID'],
  ['R.F.C.', 'TAX_ID'],
  ['RFC', 'TAX_ID'],
  ['RIF #', 'TAX_ID'],
  ['C.U.I.T.', 'TAX_ID'],
  ['Italian Fiscal Code', 'TAX_ID'],
  ['US FEIN', 'TAX_ID'],
  ['V.A.T. Number', 'TAX_ID'],
  ['Registration Number', 'REGISTRATION'],
  ['Registration ID', 'REGISTRATION'],
  ['Company Number', 'REGISTRATION'],
  ['Commercial Registry Number', 'REGISTRATION'],
  ['Business Registration Document #', 'REGISTRATION'],
  ['Business Number', 'REGISTRATION'],
  ['Business Registration Number', 'REGISTRATION'],
  ['UK Company Number', 'REGISTRATION'],
  ['Public Registration Number', 'REGISTRATION'],
  ['Central Registration System Number', 'REGISTRATION'],
  ['Economic Register Number (CBLS)', 'REGISTRATION'],
  ['Chamber of Commerce Number', 'REGISTRATION'],
  ['Istanbul Chamber of Comm. No.', 'REGISTRATION'],
  ['Certificate of Incorporation Number', 'REGISTRATION'],
  ['D-U-N-S Number', 'DUNS'],
  ['Government Gazette Number', 'REGISTRATION'],
  ['Unified Social Credit Code (USCC)', 'REGISTRATION'],
  ['Trade License No.', 'REGISTRATION'],
  ['Folio Mercantil No.', 'REGISTRATION'],
  ['Matricula Mercantil No', 'REGISTRATION'],
  ['C.R. No.', 'REGISTRATION'],
  ['Legal Entity Number', 'LEI'],
  ['SWIFT/BIC', 'SWIFT_BIC'],
  ['MMSI', 'MMSI'],
  ['Aircraft Tail Number', 'AIRCRAFT_TAIL_NUMBER'],
  ["Aircraft Manufacturer's Serial Number (MSN)", 'AIRCRAFT_MSN'],
];

/** Parses `<value>[ (<country>)][ issued ...][ expires ...]` after an identifier label. */
export function parseIdentifier(kind: string, rest: string): EntityIdentifier | undefined {
  const match = /^(.+?)(?: \(([^()]+)\))?(?: (?:issued|expires)\b.*)?$/.exec(rest.trim().replace(/\.$/, ''));
  const value = match?.[1]?.trim();
  const country = match?.[2];
  if (!value) return undefined;
  return country ? { kind, value, country: countryToIso(country) } : { kind, value };
}

const ALIAS = /^(low quality )?([afn])\.k\.a\.,? (['"])(.+)\3\.?$/i;

/**
 * Parses one remarks string (primary record remarks plus comments overflow). Segments are `;`-separated.
 *
 * Aliases in remarks are WEAK by default: OFAC's legacy delimited files carry strong aliases in alt.csv and put
 * weak ("low quality") a.k.a.s in the remarks field (OFAC FAQ 123). The 2021-07 fixture confirms it: none of
 * its 2,438 remarks aliases also appears in alt.csv. A caller may override that with `remarksAliasStrength`.
 */
export function parseRemarks(remarks: string, remarksAliasStrength: 'STRONG' | 'WEAK' = 'WEAK'): ParsedRemarks {
  const parsed: ParsedRemarks = {
    aliases: [],
    datesOfBirth: [],
    placesOfBirth: [],
    nationalities: [],
    identifiers: [],
  };
  for (const raw of remarks.split(';')) {
    // "alt." only says the item is one more of the same kind; it carries no meaning of its own.
    const segment = raw.trim().replace(/^alt\.\s+/i, '');
    if (!segment) continue;
    const alias = ALIAS.exec(segment);
    if (alias) {
      const name = alias[4]!.trim();
      if (name) parsed.aliases.push({ name, strength: alias[1] ? 'WEAK' : remarksAliasStrength });
      continue;
    }
    const dob = /^DOB (.+)$/i.exec(segment);
    if (dob) {
      parsed.datesOfBirth.push(...parseDateOfBirth(dob[1]!));
      continue;
    }
    const pob = /^POB (.+)$/i.exec(segment);
    if (pob) {
      parsed.placesOfBirth.push(pob[1]!.replace(/\.$/, '').trim());
      continue;
    }
    // "Nationality of Registration" is OFAC's wording for where an entity or vessel is registered.
    const nationality = /^(?:nationality|citizen)(?: of registration)? (.+)$/i.exec(segment);
    if (nationality) {
      parsed.nationalities.push(countryToIso(nationality[1]!));
      continue;
    }
    for (const [label, kind] of IDENTIFIER_LABELS) {
      if (segment.startsWith(label + ' ')) {
        const identifier = parseIdentifier(kind, segment.slice(label.length));
        if (identifier) parsed.identifiers.push(identifier);
        break;
      }
    }
  }
  parsed.datesOfBirth = [...new Set(parsed.datesOfBirth)];
  parsed.nationalities = [...new Set(parsed.nationalities)];
  return parsed;
}

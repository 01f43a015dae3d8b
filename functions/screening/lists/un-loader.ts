import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { countryNameToCode, isUnmappableCountryValue } from '../../commons/country-names';
import type { EntityIdentifier, EntityName, SanctionedEntity } from './sanctioned-entity';

/**
 * Elements that may repeat under their parent. Without this, fast-xml-parser returns a lone child as an
 * object and several as an array, and every reader would have to handle both shapes.
 */
const REPEATED = new Set([
  'INDIVIDUAL',
  'ENTITY',
  'INDIVIDUAL_ALIAS',
  'ENTITY_ALIAS',
  'INDIVIDUAL_DATE_OF_BIRTH',
  'INDIVIDUAL_DOCUMENT',
  'INDIVIDUAL_ADDRESS',
  'ENTITY_ADDRESS',
  'VALUE',
]);

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: true,
  // Keep every value a string: document numbers such as "03824969" must keep their leading zeros.
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => REPEATED.has(name),
});

/** Text of a child element with whitespace collapsed (the list wraps long values over several lines). */
function text(node: Node | undefined, key: string): string {
  const value = node?.[key];
  return typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
}

function list(node: Node | undefined, key: string): Node[] {
  const value = node?.[key];
  return Array.isArray(value) ? value.filter((v): v is Node => typeof v === 'object' && v !== null) : [];
}

function values(node: Node | undefined, key: string): string[] {
  const inner = node?.[key];
  const raw = typeof inner === 'object' && inner !== null ? (inner as Node).VALUE : undefined;
  return Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string').map((v) => v.trim()) : [];
}

/** Maps list country names to alpha-2, keeps unmappable real names as listed, drops placeholders like "na". */
function countries(names: string[]): string[] {
  const out = names.filter((n) => n !== '' && !isUnmappableCountryValue(n)).map((n) => countryNameToCode(n) ?? n);
  return [...new Set(out)];
}

/**
 * Splits one ALIAS_NAME into names. The Iran list packs spelling variants into one alias, separated by
 * ";" and sometimes enumerated "a) … b) …"; each variant must be matchable on its own.
 */
function splitAlias(alias: string): string[] {
  return alias
    .split(/;|\s(?=[a-z]\)\s)/)
    .map((part) => part.replace(/^[a-z]\)\s*/, '').trim())
    .filter((part) => part !== '');
}

function aliasStrength(quality: string): EntityName['strength'] {
  // Individuals: Good / Low. Entities: a.k.a. / f.k.a., which the UN does not grade, so they count as strong.
  return quality.toLowerCase() === 'low' ? 'WEAK' : 'STRONG';
}

function names(node: Node, primary: string, aliasKey: string): EntityName[] {
  const out: EntityName[] = [{ name: primary, strength: 'PRIMARY' }];
  const seen = new Set([primary.toLowerCase()]);
  const add = (name: string, strength: EntityName['strength']): void => {
    if (name === '' || seen.has(name.toLowerCase())) return;
    seen.add(name.toLowerCase());
    out.push({ name, strength });
  };
  for (const alias of list(node, aliasKey)) {
    const strength = aliasStrength(text(alias, 'QUALITY'));
    for (const name of splitAlias(text(alias, 'ALIAS_NAME'))) add(name, strength);
  }
  // The name in its original script (Arabic, Korean, Cyrillic…) is the same name, so it identifies as well as a good alias.
  add(text(node, 'NAME_ORIGINAL_SCRIPT'), 'STRONG');
  return out;
}

/**
 * Converts one INDIVIDUAL_DATE_OF_BIRTH to ISO dates or years. BETWEEN ranges become every year in the
 * range so a matcher can compare years without knowing about ranges. Dates given only in NOTE
 * ("August 1961", "Between Aug. and Sep. 1977") yield their year; Hijri dates and ages ("30-35 years
 * old") yield nothing because they are not Gregorian birth years.
 */
export function unDateOfBirth(dob: Node): string[] {
  const date = text(dob, 'DATE');
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return [date];
  const year = text(dob, 'YEAR');
  if (/^\d{4}$/.test(year)) return [year];
  const from = Number(text(dob, 'FROM_YEAR'));
  const to = Number(text(dob, 'TO_YEAR'));
  // The bound guards against a typo turning a range into thousands of years.
  if (from > 0 && to >= from && to - from <= 20) {
    return Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
  }
  const note = text(dob, 'NOTE');
  if (/hijri|years? old/i.test(note)) return [];
  const noteYear = /\b(19|20)\d{2}\b/.exec(note);
  return noteYear ? [noteYear[0]] : [];
}

/** PASSPORT / NATIONAL_ID / OTHER from the document-type text (English, French or Spanish). */
export function unDocumentKind(type: string, type2: string): string {
  const classify = (t: string): string | undefined => {
    if (/passport|passeport|pasaporte/i.test(t)) return 'PASSPORT';
    // Checked before the national-ID words: "Certificate of Iraqi Nationality" or a ration card is not an ID card.
    if (
      /birth|ration|driver|voter|student|social security|fiscal|military|serviceman|residential|certificate|FARDC|other/i.test(
        t,
      )
    ) {
      return 'OTHER';
    }
    if (/national|identity|identification|civil|personal|tazkira|\bid\b/i.test(t)) return 'NATIONAL_ID';
    return undefined;
  };
  // TYPE_OF_DOCUMENT2 is the finer description when present ("Birth certificate" under "National Identification Number").
  return classify(type2) ?? classify(type) ?? 'OTHER';
}

function identifiers(node: Node): EntityIdentifier[] {
  const out: EntityIdentifier[] = [];
  for (const doc of list(node, 'INDIVIDUAL_DOCUMENT')) {
    // Documents described only in NOTE prose ("SSN 156-92-9858 (…)") have no NUMBER to match on; they are skipped.
    const value = text(doc, 'NUMBER');
    if (value === '') continue;
    const kind = unDocumentKind(text(doc, 'TYPE_OF_DOCUMENT'), text(doc, 'TYPE_OF_DOCUMENT2'));
    const countryName = text(doc, 'ISSUING_COUNTRY') || text(doc, 'COUNTRY_OF_ISSUE');
    const country = countryName === '' ? undefined : (countryNameToCode(countryName) ?? countryName);
    out.push(country === undefined ? { kind, value } : { kind, value, country });
  }
  return out;
}

function individual(node: Node, listVersion: string): SanctionedEntity {
  const primary = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME']
    .map((k) => text(node, k))
    .filter((part) => part !== '')
    .join(' ');
  const dobs = list(node, 'INDIVIDUAL_DATE_OF_BIRTH').flatMap(unDateOfBirth);
  return {
    entityId: `un:${text(node, 'DATAID')}`,
    type: 'PERSON',
    names: names(node, primary, 'INDIVIDUAL_ALIAS'),
    datesOfBirth: [...new Set(dobs)],
    countries: countries(list(node, 'INDIVIDUAL_ADDRESS').map((a) => text(a, 'COUNTRY'))),
    nationalities: countries(values(node, 'NATIONALITY')),
    identifiers: identifiers(node),
    programs: [text(node, 'UN_LIST_TYPE')].filter((p) => p !== ''),
    sourceList: 'UN',
    listVersion,
  };
}

function entity(node: Node, listVersion: string): SanctionedEntity {
  return {
    entityId: `un:${text(node, 'DATAID')}`,
    type: 'ORGANIZATION',
    names: names(node, text(node, 'FIRST_NAME'), 'ENTITY_ALIAS'),
    datesOfBirth: [],
    countries: countries(list(node, 'ENTITY_ADDRESS').map((a) => text(a, 'COUNTRY'))),
    nationalities: [],
    identifiers: [],
    programs: [text(node, 'UN_LIST_TYPE')].filter((p) => p !== ''),
    sourceList: 'UN',
    listVersion,
  };
}

/**
 * Loads the UN Security Council consolidated list XML into the common entity model: individuals as
 * PERSON, entities as ORGANIZATION, ids `un:<DATAID>`, programs = the UN sanctions regime (UN_LIST_TYPE).
 * @param file path to the consolidated-list XML
 * @param listVersion stamped on every entity, e.g. the snapshot date
 * @throws Error when the file is not a UN consolidated list or an entry has no DATAID or name
 */
export function loadUnList(file: string, listVersion: string): SanctionedEntity[] {
  const doc = parser.parse(readFileSync(file, 'utf8')) as Node;
  const root = doc.CONSOLIDATED_LIST as Node | undefined;
  if (root === undefined) throw new Error(`${file}: not a UN consolidated list (no CONSOLIDATED_LIST root)`);
  const section = (key: string, item: string): Node[] => list(root[key] as Node | undefined, item);
  const out = [
    ...section('INDIVIDUALS', 'INDIVIDUAL').map((n) => individual(n, listVersion)),
    ...section('ENTITIES', 'ENTITY').map((n) => entity(n, listVersion)),
  ];
  // Fail loudly rather than load an entry that could never be matched or would collide with another.
  for (const e of out) {
    if (e.entityId === 'un:' || e.names[0]?.name === '') throw new Error(`${file}: entry without DATAID or name`);
  }
  return out;
}

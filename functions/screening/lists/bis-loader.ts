import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { countryNameToCode, isUnmappableCountryValue } from '../../commons/country-names';
import type { EntityName, EntityType, SanctionedEntity } from './sanctioned-entity';

/**
 * Words that mark a Denied Persons List name as a company. The DPL has no type column, so the type is
 * guessed: a name containing any of these tokens (after splitting on spaces and commas) is an
 * ORGANIZATION, anything else a PERSON. Legal forms (LTD, LLC, INC, GMBH, S.A., PTE…) are certain;
 * industry words (TRADING, AIRLINES, INDUSTRIES…) are the other common giveaway. A person whose name
 * is also such a word would be mis-typed, which only loosens matching (no DOB check), never hides a hit.
 */
// prettier-ignore
const ORGANIZATION_TOKENS = new Set([
  // legal forms, written with and without dots
  'LTD', 'LIMITED', 'LLC', 'L.L.C', 'INC', 'INCORPORATED', 'CORP', 'CORPORATION', 'CO', 'COMPANY', 'GMBH', 'AG', 'KG',
  'S.A', 'SA', 'S.L', 'SL', 'S.R.L', 'SRL', 'SAS', 'S.A.S', 'B.V', 'BV', 'N.V', 'NV', 'PLC', 'PTE', 'PTY', 'LLP', 'LP',
  'SDN', 'BHD', 'FZE', 'FZCO', 'FZC', 'L.T.D', 'A.S', 'OOO', 'ZAO', 'OAO', 'PJSC', 'JSC', 'SPA', 'S.P.A', 'KFT', 'AB',
  // industry and organisation words
  'TRADING', 'TRADE', 'AIRLINES', 'AIRLINE', 'AIRWAYS', 'AVIATION', 'INDUSTRIES', 'INDUSTRY', 'INDUSTRIAL', 'INDUSTRIE',
  'INTERNATIONAL', 'INTERNACIONAL', 'GROUP', 'ENTERPRISES', 'ENTERPRISE', 'TECHNOLOGY', 'TECHNOLOGIES', 'TECH', 'SOLUTIONS',
  'SYSTEMS', 'SERVICES', 'ELECTRONICS', 'ENGINEERING', 'EXPORT', 'EXPORTS', 'IMPORT', 'IMPORTS', 'LOGISTICS', 'FREIGHT',
  'CARGO', 'SHIPPING', 'MARITIME', 'TRANSPORTATION', 'TRANSPORT', 'HOLDINGS', 'HOLDING', 'PARTNERS', 'ASSOCIATES',
  'CONSULTING', 'LABORATORIES', 'LABS', 'MANUFACTURING', 'SUPPLY', 'SUPPLIES', 'DEVELOPMENT', 'EQUIPMENT', 'INSTRUMENTS',
  'GENERAL', 'ESTABLISHMENT', 'EST', 'FIRM', 'BUREAU', 'INSTITUTE', 'UNIVERSITY', 'AGENCY', 'COMMERCIAL', 'COMMERCE',
  'INVEST', 'INVESTMENT', 'INVESTMENTS', 'AEROSPACE', 'DEFENSE', 'DEFENCE', 'MARINE', 'CHEMICAL', 'CHEMICALS', 'PHARMA',
  'ENERGY', 'PETROLEUM', 'OIL', 'GAS', 'NETWORKS', 'COMMUNICATIONS', 'TELECOM', 'DISTRIBUTION', 'DISTRIBUTORS', 'CENTER',
  'CENTRE', 'FOUNDATION', 'AUTHORITY', 'MINISTRY', 'CORPORATE', 'PRODUCTS', 'COMPONENTS', 'PARTS', 'EXPRESS', 'SALES',
  'WORLDWIDE', 'GLOBAL', 'OVERSEAS', 'IMPEX', 'TRADERS', 'MACHINERY', 'MOTORS', 'ELECTRIC', 'ELECTRICAL', 'D/B/A',
  'A.G', 'ANSTALT', 'AIR', 'TECHNIK',
  'VERTRIEBS', 'COMPUTERS', 'METALS',
]);

/**
 * PERSON or ORGANIZATION by the {@link ORGANIZATION_TOKENS} heuristic.
 * @param name a DPL name, any case
 */
export function bisEntityType(name: string): EntityType {
  // Domain-style names ("SYNAPTIX.NET") are web businesses.
  if (/\.(NET|COM|ORG)\b/i.test(name)) return 'ORGANIZATION';
  const tokens = name
    .toUpperCase()
    .split(/[\s,()]+/)
    .map((t) => t.replace(/\.$/, ''))
    .filter((t) => t !== '');
  // Hyphenated trade names such as "HASA-INVEST" carry the hint in a part of the token.
  const parts = tokens.flatMap((t) => [t, ...t.split('-')]);
  return parts.some((t) => ORGANIZATION_TOKENS.has(t)) ? 'ORGANIZATION' : 'PERSON';
}

/**
 * Splits "X D/B/A Y" and "X A/K/A Y" into the listed name (PRIMARY) and the trade/alias names (STRONG),
 * since a customer will usually present one of them, not the concatenation.
 */
export function bisNames(raw: string): EntityName[] {
  const cleaned = raw.replace(/\s+/g, ' ').trim();
  // "PEARL (A.K.A. NEI-CHIEN CHU) LI": the alias sits inside the name; lift it out.
  const inner = /\s*\((?:A\.K\.A\.|AKA)\s+([^)]+)\)\s*/i.exec(cleaned);
  const outer = inner
    ? `${cleaned.slice(0, inner.index)} ${cleaned.slice(inner.index + inner[0].length)}`.trim()
    : cleaned;
  const parts = [outer, ...(inner?.[1] ? [inner[1]] : [])]
    .flatMap((n) => n.split(/\s+(?:D\/B\/A|A\/K\/A|F\/K\/A|AKA|DBA)\s+/i))
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return parts.map((name, i) => ({ name, strength: i === 0 ? 'PRIMARY' : 'STRONG' }));
}

/** Minimal parser for the DPL export: tab-separated, every field double-quoted, no embedded tabs or newlines. */
function parseRows(content: string): Record<string, string>[] {
  const unquote = (f: string): string => f.replace(/^"|"$/g, '').replace(/""/g, '"');
  const lines = content.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split('\t').map(unquote);
  return lines.slice(1).map((line) => {
    const fields = line.split('\t').map(unquote);
    return Object.fromEntries(header.map((h, i) => [h, fields[i] ?? '']));
  });
}

/**
 * Loads the BIS Denied Persons List (tab-separated export with header row) into the common entity model.
 * One entity per row: the DPL repeats a party once per address, and each row is a separate order record.
 * entityId is `bis-dpl:<12 hex of sha1(name|street|city|country|effective date)>`, stable across snapshots
 * as long as the row is unchanged, unlike the row index; a clash of identical rows gets a `-2`, `-3` suffix.
 * @param file path to the DPL text file
 * @param listVersion stamped on every entity
 * @throws Error when the header has no Name column or a row has an empty name
 */
export function loadBisDeniedPersons(file: string, listVersion: string): SanctionedEntity[] {
  const rows = parseRows(readFileSync(file, 'utf8'));
  const first = rows[0];
  if (first !== undefined && !('Name' in first)) throw new Error(`${file}: no Name column; not a DPL export`);
  const used = new Map<string, number>();
  return rows.map((row, index) => {
    const nameField = row.Name ?? '';
    const names = bisNames(nameField);
    const primary = names[0]?.name;
    if (primary === undefined) throw new Error(`${file}: row ${index + 2} has no name`);
    const country = (row.Country ?? '').trim();
    const key = [primary, row.Street_Address, row.City, country, row.Effective_Date].join('|');
    const hash = createHash('sha1').update(key).digest('hex').slice(0, 12);
    const count = (used.get(hash) ?? 0) + 1;
    used.set(hash, count);
    return {
      entityId: `bis-dpl:${hash}${count > 1 ? `-${count}` : ''}`,
      type: bisEntityType(nameField),
      names,
      datesOfBirth: [],
      countries: country === '' || isUnmappableCountryValue(country) ? [] : [countryNameToCode(country) ?? country],
      nationalities: [],
      identifiers: [],
      programs: ['DPL'],
      sourceList: 'BIS-DPL',
      listVersion,
    };
  });
}

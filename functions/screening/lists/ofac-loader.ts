import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { countryToIso, parseRemarks } from './ofac-remarks';
import type { EntityName, EntityType, SanctionedEntity } from './sanctioned-entity';

/** File names inside one OFAC snapshot folder; optional files that are absent are simply not joined. */
export interface OfacFiles {
  primary: string;
  add?: string;
  alt?: string;
  comments?: string;
}

/** Options of {@link loadOfacList}. */
export interface OfacLoadOptions {
  sourceList: 'OFAC-SDN' | 'OFAC-CONSOLIDATED';
  listVersion: string;
  /** Defaults to OFAC's own names for the list: sdn.csv/add.csv/alt.csv/sdn_comments.csv or cons_*.csv. */
  files?: OfacFiles;
  /** Strength of aliases found in remarks; WEAK by default (see {@link parseRemarks}). */
  remarksAliasStrength?: 'STRONG' | 'WEAK';
}

const DEFAULT_FILES: Record<OfacLoadOptions['sourceList'], OfacFiles> = {
  'OFAC-SDN': { primary: 'sdn.csv', add: 'add.csv', alt: 'alt.csv', comments: 'sdn_comments.csv' },
  'OFAC-CONSOLIDATED': {
    primary: 'cons_prim.csv',
    add: 'cons_add.csv',
    alt: 'cons_alt.csv',
    comments: 'cons_comments.csv',
  },
};

const ID_PREFIX: Record<OfacLoadOptions['sourceList'], string> = {
  'OFAC-SDN': 'ofac-sdn',
  'OFAC-CONSOLIDATED': 'ofac-cons',
};

/** Returns the field trimmed, or '' for OFAC's empty marker `-0-` (which OFAC pads with a space). */
export function cleanField(value: string | undefined): string {
  const text = (value ?? '').trim();
  return text === '-0-' ? '' : text;
}

/**
 * Parses OFAC legacy CSV text (no header, double-quoted, maybe ending with a 0x1A DOS end-of-file byte)
 * into rows of cleaned fields. Rows with no ent_num (the 0x1A line, blank lines) are dropped.
 */
export function parseOfacCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, '').replace(/\x1A[\s\x1A]*$/, '');
  const rows: string[][] = parse(body, {
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
  });
  return rows.map((row) => row.map(cleanField)).filter((row) => /^\d+$/.test(row[0] ?? ''));
}

/** Maps the SDN type column; OFAC leaves it empty (`-0-`) for entities. */
export function mapEntityType(type: string): EntityType {
  switch (type.toLowerCase()) {
    case 'individual':
      return 'PERSON';
    case 'vessel':
      return 'VESSEL';
    case 'aircraft':
      return 'AIRCRAFT';
    default:
      return 'ORGANIZATION';
  }
}

/**
 * Splits the programs column. OFAC writes `[SDGT] [IRGC]` in its text formats and the CSV keeps the inner
 * brackets (`SDGT] [IRGC`); splitting on `]`/`[` and not on spaces keeps programs such as `CAATSA - RUSSIA` whole.
 */
export function parsePrograms(programs: string): string[] {
  return [
    ...new Set(
      programs
        .split(/[[\]]/)
        .map((p) => p.trim())
        .filter(Boolean),
    ),
  ];
}

/** Groups rows of a joined file by ent_num (column 0). */
function groupByEntity(rows: string[][]): Map<string, string[][]> {
  const groups = new Map<string, string[][]>();
  for (const row of rows) {
    const key = row[0]!;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

function readOptional(folder: string, file: string | undefined): string[][] {
  if (!file) return [];
  const full = path.join(folder, file);
  return existsSync(full) ? parseOfacCsv(readFileSync(full, 'utf8')) : [];
}

/** Adds a name unless the same text is already there, keeping the stronger (earlier) entry. */
function addName(names: EntityName[], name: EntityName): void {
  const key = name.name.toUpperCase();
  if (name.name && !names.some((n) => n.name.toUpperCase() === key)) names.push(name);
}

/**
 * Loads one OFAC legacy-CSV snapshot folder into the common entity model. Address, alias and comments files
 * are joined to the primary file on ent_num, and only within `folder`: ent_nums of different snapshots must
 * not be mixed, so a folder without a primary file is an error rather than a partial list.
 */
export function loadOfacList(folder: string, options: OfacLoadOptions): SanctionedEntity[] {
  const files = options.files ?? DEFAULT_FILES[options.sourceList];
  const primary = parseOfacCsv(readFileSync(path.join(folder, files.primary), 'utf8'));
  const addresses = groupByEntity(readOptional(folder, files.add));
  const aliases = groupByEntity(readOptional(folder, files.alt));
  const comments = groupByEntity(readOptional(folder, files.comments));
  const prefix = ID_PREFIX[options.sourceList];

  return primary.map((row): SanctionedEntity => {
    const [entNum = '', name = '', type = '', programs = ''] = row;
    // The comments file holds the part of remarks that did not fit the column; it continues mid-word.
    const overflow = (comments.get(entNum) ?? []).map((c) => c[1] ?? '').join('');
    const remarks = parseRemarks((row[11] ?? '') + overflow, options.remarksAliasStrength);

    const names: EntityName[] = [];
    addName(names, { name, strength: 'PRIMARY' });
    for (const alt of aliases.get(entNum) ?? []) {
      const altRemarks = `${alt[2] ?? ''} ${alt[4] ?? ''}`.toLowerCase();
      const weak = /\bweak\b|low quality/.test(altRemarks);
      addName(names, { name: alt[3] ?? '', strength: weak ? 'WEAK' : 'STRONG' });
    }
    for (const alias of remarks.aliases) addName(names, alias);

    const countries = (addresses.get(entNum) ?? []).map((a) => a[4] ?? '').filter(Boolean);
    return {
      entityId: `${prefix}:${entNum}`,
      type: mapEntityType(type),
      names,
      datesOfBirth: remarks.datesOfBirth,
      countries: [...new Set(countries.map(countryToIso))],
      nationalities: remarks.nationalities,
      identifiers: remarks.identifiers,
      programs: parsePrograms(programs),
      sourceList: options.sourceList,
      listVersion: options.listVersion,
    };
  });
}

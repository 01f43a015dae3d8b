import * as z from 'zod';

/** Where the refresh function downloads each list from. */
export interface ListSources {
  ofacSdn: { primary: string; add?: string; alt?: string; comments?: string };
  ofacConsolidated: { primary: string; add?: string; alt?: string; comments?: string };
  un: string;
  bisDeniedPersons: string;
}

const OFAC_EXPORTS = 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports';

/** The publishers' official download locations (legacy OFAC CSV, UN XML, BIS DPL text). */
export const OFFICIAL_LIST_SOURCES: ListSources = {
  ofacSdn: {
    primary: `${OFAC_EXPORTS}/SDN.CSV`,
    add: `${OFAC_EXPORTS}/ADD.CSV`,
    alt: `${OFAC_EXPORTS}/ALT.CSV`,
    comments: `${OFAC_EXPORTS}/SDN_COMMENTS.CSV`,
  },
  ofacConsolidated: {
    primary: `${OFAC_EXPORTS}/CONS_PRIM.CSV`,
    add: `${OFAC_EXPORTS}/CONS_ADD.CSV`,
    alt: `${OFAC_EXPORTS}/CONS_ALT.CSV`,
    comments: `${OFAC_EXPORTS}/CONS_COMMENTS.CSV`,
  },
  un: 'https://scsanctions.un.org/resources/xml/en/consolidated.xml',
  bisDeniedPersons: 'https://www.bis.doc.gov/dpl/dpl.txt',
};

const url = z.url({ protocol: /^https?$/ });
const ofacSchema = z.strictObject({ primary: url, add: url.optional(), alt: url.optional(), comments: url.optional() });
const sourcesSchema = z.strictObject({
  ofacSdn: ofacSchema,
  ofacConsolidated: ofacSchema,
  un: url,
  bisDeniedPersons: url,
});

/**
 * The sources from SCREENING_LIST_SOURCES (JSON in the shape of {@link ListSources}), or the official ones.
 * @throws Error naming the field when the variable is set but invalid
 */
export function readListSources(env: Record<string, string | undefined> = process.env): ListSources {
  const raw = env.SCREENING_LIST_SOURCES;
  if (!raw) return OFFICIAL_LIST_SOURCES;
  const parsed = sourcesSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`SCREENING_LIST_SOURCES is invalid: ${detail}`);
  }
  return parsed.data;
}

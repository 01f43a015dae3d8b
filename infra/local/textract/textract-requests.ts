/**
 * Request validation for the local Textract endpoint, with the constraints of Textract's API model.
 * Textract reports every violation as an InvalidParameterException. Members the local endpoint does not
 * use (HumanLoopConfig, AdaptersConfig) are accepted and ignored, so requests written for AWS run as is.
 */
import * as z from 'zod';

const document = z
  .object({
    Bytes: z.string().optional(),
    S3Object: z
      .object({
        Bucket: z.string().min(1).max(255),
        Name: z.string().min(1).max(1024),
        Version: z.string().min(1).max(1024).optional(),
      })
      .optional(),
  })
  .refine((value) => (value.Bytes === undefined) !== (value.S3Object === undefined), {
    message: 'exactly one of Bytes and S3Object must be set',
  });

/** `1`, `3-5`, `*`, `2-*`: the page ranges a query may be limited to. */
const pageRange = z.string().regex(/^(\*|[1-9]\d*)(-(\*|[1-9]\d*))?$/, 'a page number, a range such as 2-4, or *');

const query = z.object({
  Text: z.string().min(1).max(200),
  Alias: z.string().min(1).max(100).optional(),
  Pages: z.array(pageRange).min(1).optional(),
});

/** One schema per operation, keyed by the name after `Textract.` in X-Amz-Target. */
export const textractRequestSchemas = {
  AnalyzeID: z.object({ DocumentPages: z.array(document).min(1).max(2) }),
  DetectDocumentText: z.object({ Document: document }),
  AnalyzeDocument: z
    .object({
      Document: document,
      FeatureTypes: z.array(z.enum(['TABLES', 'FORMS', 'QUERIES', 'SIGNATURES', 'LAYOUT'])).min(1),
      QueriesConfig: z.object({ Queries: z.array(query).min(1).max(30) }).optional(),
    })
    .refine((value) => value.FeatureTypes.includes('QUERIES') === (value.QueriesConfig !== undefined), {
      message: 'QueriesConfig must be given with the QUERIES feature type, and only with it',
      path: ['QueriesConfig'],
    }),
};

/** The operations the endpoint answers. */
export type TextractOperation = keyof typeof textractRequestSchemas;

/** Whether a query limited to `pages` applies to `pageNumber`. */
export function queryAppliesTo(pages: readonly string[] | undefined, pageNumber: number): boolean {
  if (!pages) return true;
  return pages.some((range) => {
    const [from, to = from] = range.split('-') as [string, string?];
    const start = from === '*' ? 1 : Number(from);
    const end = to === '*' ? Infinity : Number(to);
    return pageNumber >= start && pageNumber <= end;
  });
}

/** Zod's issues as one readable sentence, path first (`Document.S3Object.Bucket: …`). */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`)
    .join('; ');
}

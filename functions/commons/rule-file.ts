import type { z } from 'zod';

/**
 * Validates a rules file of `data/rules/` against its schema. An invalid file stops the function with an
 * error that names the file and every bad field, so it never gets past the tests that load it.
 */
export function parseRuleFile<Schema extends z.ZodType>(schema: Schema, file: unknown, name: string): z.output<Schema> {
  const parsed = schema.safeParse(file);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid rules file data/rules/${name}: ${detail}`);
  }
  return parsed.data;
}

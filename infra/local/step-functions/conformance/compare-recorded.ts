import { isDeepStrictEqual } from 'node:util';

/*
 * The corpus normalised AWS's responses (README, "NORMALISATION"): zoned date-times became "date",
 * ids became tokens such as <uuid:1>. A practical comparison treats those tokens in the expected value
 * as wildcards, here by turning an expected string into a pattern.
 */

/** Response metadata the corpus calls unstable (README, NORMALISATION 4): not compared. */
const unstableKeys = new Set(['SdkHttpMetadata', 'SdkResponseMetadata']);

interface LambdaErrorDocument {
  errorType: unknown;
  errorMessage: unknown;
  requestId: unknown;
}

function isLambdaErrorDocument(value: unknown): value is LambdaErrorDocument {
  return !!value && typeof value === 'object' && 'errorType' in value && 'requestId' in value;
}

function parseLambdaErrorDocument(text: string): LambdaErrorDocument | undefined {
  if (!text.startsWith('{') || !text.includes('errorType')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isLambdaErrorDocument(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Tokens that replaced whole values the corpus could not record (random numbers, UUIDs, the dates of
 * child executions): they match any value, whatever a run's placeholder list says.
 */
const maskedValueTokens = new Set(['RandomNumberGenerated', 'generated-uuid', 'start-date', 'stop-date']);

const zonedDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether an actual string matches an expected one in which placeholders stand for anything. */
export function matchesPlaceholderString(expected: string, actual: string, placeholders: readonly string[]): boolean {
  if (expected === actual) return true;
  if (placeholders.length === 0) return false;
  if (expected === 'date' && zonedDateTime.test(actual)) return true;
  const tokens = [...placeholders, 'date'].filter((token) => expected.includes(token));
  if (tokens.length === 0) return false;
  const pattern = tokens
    .sort((a, b) => b.length - a.length)
    .reduce((text, token) => text.split(escapeRegExp(token)).join('(?:.|\\n)*?'), escapeRegExp(expected));
  return new RegExp(`^${pattern.replace(/arn:<partition>:/g, 'arn:[a-z-]+:')}$`).test(
    actual.replace(/arn:aws:/g, 'arn:<partition>:'),
  );
}

/** Structural comparison with placeholder wildcards in strings of the expected value. */
export function matchesRecorded(expected: unknown, actual: unknown, placeholders: readonly string[] = []): boolean {
  // a masked value stands for any value of any type
  if (typeof expected === 'string' && maskedValueTokens.has(expected)) return true;
  if (typeof expected === 'string' && typeof actual === 'string') {
    const expectedError = parseLambdaErrorDocument(expected);
    const actualError = parseLambdaErrorDocument(actual);
    if (expectedError && actualError) return matchesRecorded(expectedError, actualError, placeholders);
    return matchesPlaceholderString(expected, actual, placeholders);
  }
  if (isLambdaErrorDocument(expected) && isLambdaErrorDocument(actual)) {
    // requestId and stackTrace are runtime specific: compare what the function raised
    return expected.errorType === actual.errorType && expected.errorMessage === actual.errorMessage;
  }
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      expected.length === actual.length &&
      expected.every((item, i) => matchesRecorded(item, actual[i], placeholders))
    );
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const expectedKeys = Object.keys(expected)
      .filter((key) => !unstableKeys.has(key))
      .sort();
    const actualKeys = Object.keys(actual)
      .filter((key) => !unstableKeys.has(key))
      .sort();
    return (
      isDeepStrictEqual(expectedKeys, actualKeys) &&
      expectedKeys.every((key) =>
        matchesRecorded(
          (expected as Record<string, unknown>)[key],
          (actual as Record<string, unknown>)[key],
          placeholders,
        ),
      )
    );
  }
  return isDeepStrictEqual(expected, actual);
}

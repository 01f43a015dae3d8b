/**
 * Parses the body of an AWS JSON-protocol request (the local SFN and Textract endpoints) as a JSON
 * object. In these protocols a null member means "not set" (the SDK never sends one, hand-written
 * clients do), so null members are dropped before validation. `refuse` builds the endpoint's own error.
 */
export function parseAwsJsonBody(body: Buffer, refuse: (message: string) => Error): Record<string, unknown> {
  const text = body.toString('utf8');
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw refuse(`The request body is not valid JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw refuse('The request body must be a JSON object');
  }
  return Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== null));
}

import aslValidator from 'asl-validator';
import { parseTimestamp } from '../asl/choice-rules';

/** Why CreateStateMachine refuses a definition, in AWS's InvalidDefinition wording. */
export type DefinitionVerdict = { valid: true } | { valid: false; message: string };

function visitStates(
  block: unknown,
  pointer: string,
  visit: (state: Record<string, unknown>, pointer: string) => void,
): void {
  const states = (block as { States?: Record<string, Record<string, unknown>> })?.States ?? {};
  for (const [name, state] of Object.entries(states)) {
    const at = `${pointer}/States/${name}`;
    visit(state, at);
    (state.Branches as unknown[] | undefined)?.forEach((branch, i) =>
      visitStates(branch, `${at}/Branches/${i}`, visit),
    );
    if (state.ItemProcessor) visitStates(state.ItemProcessor, `${at}/ItemProcessor`, visit);
    if (state.Iterator) visitStates(state.Iterator, `${at}/Iterator`, visit);
  }
}

/**
 * Validates a definition as CreateStateMachine does: the ASL schema and rules (asl-validator), plus
 * what it leaves out, such as a Wait `Timestamp` that is not an RFC 3339 date-time.
 */
export function validateDefinition(definition: unknown): DefinitionVerdict {
  const key = JSON.stringify(definition);
  const cached = verdicts.get(key);
  if (cached) return cached;
  const verdict = checkDefinition(definition);
  if (verdicts.size >= maxCachedVerdicts) verdicts.delete(verdicts.keys().next().value!);
  verdicts.set(key, verdict);
  return verdict;
}

/*
 * asl-validator compiles its JSON schemas on every call (~75 ms), so verdicts are remembered by
 * definition text; it also writes QueryLanguage into the states it is given, so it gets a copy.
 */
const verdicts = new Map<string, DefinitionVerdict>();
const maxCachedVerdicts = 500;

function checkDefinition(definition: unknown): DefinitionVerdict {
  const result = aslValidator(structuredClone(definition));
  if (!result.isValid) {
    const details = result.errors.map((error) => `${error['Error code']}: ${error.Message}`).join('; ');
    return { valid: false, message: `Invalid State Machine Definition: '${details}'` };
  }
  const problems: string[] = [];
  visitStates(definition, '', (state, pointer) => {
    if (state.Type === 'Wait' && typeof state.Timestamp === 'string' && !parseTimestamp(state.Timestamp)) {
      problems.push(`SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at ${pointer}/Timestamp`);
    }
  });
  return problems.length
    ? { valid: false, message: `Invalid State Machine Definition: '${problems.join(', ')}'` }
    : { valid: true };
}

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
  const copy = structuredClone(definition);
  // asl-validator wants an integer ToleratedFailurePercentage where AWS takes any number from 0 to
  // 100: round away from zero, so that what is out of range stays out of range
  visitStates(copy, '', (state) => {
    const percentage = state.ToleratedFailurePercentage;
    if (typeof percentage === 'number' && !Number.isInteger(percentage)) {
      state.ToleratedFailurePercentage = percentage > 0 ? Math.ceil(percentage) : Math.floor(percentage);
    }
    // nor does it know that a ResultWriter may have WriterConfig alone (reshaping without export)
    const writer = state.ResultWriter as Record<string, unknown> | undefined;
    if (writer && writer.Resource === undefined && writer.WriterConfig !== undefined) {
      state.ResultWriter = { ...writer, Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b' } };
    }
  });
  const labelProblem = findMapLabelProblem(definition);
  if (labelProblem) {
    const args = labelProblem.includes("'") ? `"${labelProblem}"` : `'${labelProblem}'`;
    return { valid: false, message: `Error=ValueError Args=[${args}] in definition '${JSON.stringify(definition)}'.` };
  }
  const result = aslValidator(copy);
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

/** Characters AWS refuses in a Map Label (it becomes part of ARNs): whitespace, brackets, wildcards, controls. */
const invalidLabelCharacter = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;

/** AWS's complaint about the first Distributed Map Label that is empty, too long or has a bad character. */
function findMapLabelProblem(definition: unknown): string | undefined {
  let problem: string | undefined;
  visitStates(definition, '', (state) => {
    if (problem || state.Type !== 'Map' || typeof state.Label !== 'string') return;
    const label = state.Label;
    const invalid = invalidLabelCharacter.exec(label)?.[0];
    if (label === '') problem = 'Label cannot be empty';
    else if (label.length > 40) problem = 'Label cannot exceed 40 characters';
    else if (invalid !== undefined) problem = `Label contains invalid character: '${invalid}'`;
  });
  return problem;
}

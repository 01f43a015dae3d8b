import { listFunctions } from '../functions/function-catalog';

/**
 * The `${Placeholder}` values of `state-machines/*.asl.json`, built the same way for CDK
 * (`definitionSubstitutions`) and for the local engine: `${<functionId>FunctionArn}` for every
 * function of the catalogue, e.g. `${processDocumentUploadFunctionArn}`.
 */
export function buildDefinitionSubstitutions(arnOf: (functionId: string) => string): Record<string, string> {
  return Object.fromEntries(listFunctions().map((definition) => [`${definition.id}FunctionArn`, arnOf(definition.id)]));
}

/** Replaces `${Name}` placeholders; an unknown placeholder is an error rather than a broken ARN. */
export function applyDefinitionSubstitutions(definition: string, substitutions: Record<string, string>): string {
  return definition.replace(/\$\{([A-Za-z0-9_]+)\}/g, (placeholder, name: string) => {
    const value = substitutions[name];
    if (value === undefined) throw new Error(`no substitution for ${placeholder}`);
    return value;
  });
}

import type * as z from 'zod';
// JSON imports, not fs reads: esbuild bundles the rules into the Lambda, so a deployed function
// always runs with the rules it was tested with.
import amlRules from '../../../data/rules/aml-rules.json';
import embargoes from '../../../data/rules/embargoes.json';
import exportControls from '../../../data/rules/export-controls.json';
import fatfJurisdictions from '../../../data/rules/fatf-jurisdictions.json';
import {
  amlRuleSetSchema,
  embargoRuleSetSchema,
  exportControlRuleSetSchema,
  fatfRuleSetSchema,
  type AmlRuleSet,
  type EmbargoRuleSet,
  type ExportControlRuleSet,
  type FatfRuleSet,
} from './rule-set-schemas';

/** Every rule set the trade rules use, each validated. */
export interface RuleSets {
  embargoes: EmbargoRuleSet;
  exportControls: ExportControlRuleSet;
  fatf: FatfRuleSet;
  aml: AmlRuleSet;
}

/** Where each rule set lives in the repository; error messages name these paths. */
export const ruleSetFiles: Readonly<Record<keyof RuleSets, string>> = {
  embargoes: 'data/rules/embargoes.json',
  exportControls: 'data/rules/export-controls.json',
  fatf: 'data/rules/fatf-jurisdictions.json',
  aml: 'data/rules/aml-rules.json',
};

const schemas = {
  embargoes: embargoRuleSetSchema,
  exportControls: exportControlRuleSetSchema,
  fatf: fatfRuleSetSchema,
  aml: amlRuleSetSchema,
};

/** A rules file that does not match its schema. The message names the file and every bad field. */
export class RuleSetError extends Error {
  constructor(
    readonly file: string,
    readonly issues: readonly z.core.$ZodIssue[],
  ) {
    const fields = issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(file)'}: ${issue.message}`);
    super(`Invalid rules file ${file}: ${fields.join('; ')}`);
    this.name = 'RuleSetError';
  }
}

function parseRuleSet<K extends keyof RuleSets>(key: K, raw: unknown): RuleSets[K] {
  const result = schemas[key].safeParse(raw);
  if (!result.success) throw new RuleSetError(ruleSetFiles[key], result.error.issues);
  return deepFreeze(result.data) as RuleSets[K];
}

/** Rule sets are shared by every evaluation in a Lambda container; freezing keeps one caller from altering another's rules. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Validates raw rules files.
 * @param raw the parsed JSON of each file
 * @throws RuleSetError naming the first invalid file and its invalid fields
 */
export function parseRuleSets(raw: Readonly<Record<keyof RuleSets, unknown>>): RuleSets {
  return {
    embargoes: parseRuleSet('embargoes', raw.embargoes),
    exportControls: parseRuleSet('exportControls', raw.exportControls),
    fatf: parseRuleSet('fatf', raw.fatf),
    aml: parseRuleSet('aml', raw.aml),
  };
}

let loaded: RuleSets | undefined;

/**
 * The rule sets shipped in data/rules, validated on first use and then kept for the life of the process.
 * @throws RuleSetError if a shipped file is invalid, which the unit tests make sure never ships
 */
export function loadRuleSets(): RuleSets {
  loaded ??= parseRuleSets({ embargoes, exportControls, fatf: fatfJurisdictions, aml: amlRules });
  return loaded;
}

import { findMatchingChoice, parseTimestamp, type ChoiceState } from '../asl/choice-rules';
import {
  applyInputPath,
  applyOutputPath,
  applyParameters,
  applyResultPath,
  applyResultSelector,
  resolveFieldPath,
} from '../asl/data-flow';
import { evaluatePath } from '../asl/paths';
import type { AslEvaluators } from './interpreter';

/** The interpreter's view of the ASL evaluators in `../asl`. */
export const aslEvaluators: AslEvaluators = {
  inputPath: (rawInput, path, context) => applyInputPath(path, rawInput, context),
  parameters: (template, input, context) => applyParameters(template, input, context),
  resultSelector: (template, result, context) => applyResultSelector(template, result, context),
  resultPath: (rawInput, path, result) => applyResultPath(path, rawInput, result),
  outputPath: (value, path, context) => applyOutputPath(path, value, context),
  readPath: (path, input, context) => evaluatePath(path, { input, context }),
  fieldPath: (field, path, input, context) => resolveFieldPath(field, path, input, context),
  parseTimestamp: (text) => {
    const parsed = parseTimestamp(text);
    return parsed && parsed.seconds * 1000 + Math.floor(parsed.nanos / 1e6);
  },
  chooseNext: (state, input, context) => findMatchingChoice(state as unknown as ChoiceState, { input, context }),
};

import { findMatchingChoice, type ChoiceState } from '../asl/choice-rules';
import {
  applyInputPath,
  applyOutputPath,
  applyParameters,
  applyResultPath,
  applyResultSelector,
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
  chooseNext: (state, input, context) => findMatchingChoice(state as unknown as ChoiceState, { input, context }),
};

import {
  applyInputPath,
  applyOutputPath,
  applyParameters,
  applyResultPath,
  applyResultSelector,
  resolveFieldPath,
} from '../../../infra/local/step-functions/asl/data-flow';
import { thrownBy } from './thrown-by';
import { causeDetail, loadRecordedRuns, withPlaceholders } from './data-flow-corpus';
import { runPassMachine, supportedStateTypes } from './pass-machine';

describe('recorded pure-data machines (Pass/Choice/Succeed/Fail only)', () => {
  const runs = loadRecordedRuns(
    (entry) =>
      entry.needs.every((need) => need === 'none') &&
      !entry.id.startsWith('choice_') &&
      !entry.features.some((feature) => feature.startsWith('intrinsic')),
  ).filter((run) => Object.values(run.definition.States).every((state) => supportedStateTypes.has(state.Type)));

  it('finds the recorded cases', () => {
    expect(runs.map((run) => run.caseId)).toEqual(
      expect.arrayContaining([
        'context_object_values',
        'pass_null_input_output_paths',
        'jsonpath_filter_expression',
        'jsonpath_wildcard_slice',
        'invalid_jsonpath_runtime_errors',
        'comment_in_parameters',
        'moto_jsonpath_filter_equals',
        'context_object_input_path',
        'context_object_output_path',
        'context_object_error_cause_path',
        'fail_state_error_cause_path',
      ]),
    );
  });

  it.each(runs.map((run) => [`${run.caseId}#${run.run}`, run] as const))('%s matches AWS', (_, run) => {
    // Prepare
    const { status, output, error, cause, placeholders = [] } = run.expected;
    const expected = status === 'SUCCEEDED' ? { status, output } : { status, error, cause };

    // Act
    const outcome = runPassMachine(run.definition, run.input);

    // Assess
    expect(outcome).toEqual(withPlaceholders(expected, placeholders));
  });
});

describe('recorded Task data flow, evaluated piece by piece', () => {
  const context = { Execution: { Input: { FunctionName: 'fn', Payload: { 'input-value': 0 } } } };

  it('applies an OutputPath with a missing intermediate field like catch_states_runtime', () => {
    // Prepare
    const [run] = loadRecordedRuns((entry) => entry.id === 'catch_states_runtime');
    const lambdaOutput = run?.input; // the Lambda is the identity

    // Act
    const error = thrownBy(() => applyOutputPath('$.no.such.result.path', lambdaOutput, context));

    // Assess
    expect(error.error).toBe(run?.expected.error);
    expect(error.cause).toBe(causeDetail(run?.expected.cause ?? ''));
  });

  it('selects the result and the context object like context_object_result_selector', () => {
    // Prepare
    const [run] = loadRecordedRuns((entry) => entry.id === 'context_object_result_selector');
    const recorded = run?.expected.output as { LambdaOutput: unknown };
    const selector = run?.definition.States.TestState?.ResultSelector;

    // Act
    const selected = applyResultSelector(selector, recorded.LambdaOutput, { Execution: { Input: run?.input } });

    // Assess
    expect(selected).toEqual(withPlaceholders(recorded, run?.expected.placeholders ?? []));
  });

  it('reads the timeout path of a Task like invalid_jsonpath_runtime_errors', () => {
    // Prepare
    const run = loadRecordedRuns((entry) => entry.id === 'invalid_jsonpath_runtime_errors').find((r) => r.run === 6);

    // Act
    const error = thrownBy(() => applyInputPath('$.NoSuchTimeoutSecondsPath', run?.input, context));

    // Assess
    expect(error.cause).toBe(causeDetail(run?.expected.cause ?? ''));
  });

  it('filters the Task input with Parameters and merges the result like lambda_filter_parameters_input', () => {
    // Prepare
    const [run] = loadRecordedRuns((entry) => entry.id === 'lambda_filter_parameters_input');
    const raw = applyResultPath('$.loop', run?.input, { count: 0 });

    // Act
    const parameters = applyParameters({ 'loop.$': '$.loop' }, raw, context);
    const output = applyResultPath('$.result', raw, parameters); // identity Lambda

    // Assess
    expect(output).toEqual(run?.expected.output);
  });
});

describe('applyInputPath / applyOutputPath', () => {
  it.each([
    ['absent', undefined, { a: 1 }, { a: 1 }],
    ['$', '$', { a: 1 }, { a: 1 }],
    ['null', null, { a: 1 }, {}],
    ['a field', '$.a', { a: [1] }, [1]],
    ['a null input with the implicit $', undefined, null, null],
  ])('with %s', (_, path, value, expected) => {
    // Act
    const input = applyInputPath(path, value, {});
    const output = applyOutputPath(path, value, {});

    // Assess
    expect(input).toEqual(expected);
    expect(output).toEqual(expected);
  });

  it('reads the context object with $$', () => {
    expect(applyInputPath('$$.Execution.Input', { a: 1 }, { Execution: { Input: { b: 2 } } })).toEqual({ b: 2 });
  });

  it('fails like AWS on a missing path', () => {
    // Act
    const error = thrownBy(() => applyInputPath('$.NoSuchInputPath', { 'int-literal': 0 }, {}));

    // Assess
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toBe("Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']");
  });
});

describe('applyParameters / applyResultSelector', () => {
  it('leave the value alone without a template', () => {
    expect(applyParameters(undefined, { a: 1 }, {})).toEqual({ a: 1 });
    expect(applyResultSelector(undefined, 'text', {})).toBe('text');
  });

  it('evaluate $ against the result in a ResultSelector', () => {
    expect(applyResultSelector({ 'code.$': '$.StatusCode', kept: 1 }, { StatusCode: 200 }, {})).toEqual({
      code: 200,
      kept: 1,
    });
  });
});

describe('applyResultPath', () => {
  it.each([
    ['absent: the result', undefined, { a: 1 }, 'r', 'r'],
    ['$: the result', '$', { a: 1 }, 'r', 'r'],
    ['null: the raw input', null, { a: 1 }, 'r', { a: 1 }],
    ['a new field', '$.b', { a: 1 }, 'r', { a: 1, b: 'r' }],
    ['a nested field, created', '$.b.c', { a: 1 }, 'r', { a: 1, b: { c: 'r' } }],
  ])('%s', (_, resultPath, input, result, expected) => {
    expect(applyResultPath(resultPath, input, result)).toEqual(expected);
  });

  it('fails with States.ReferencePathConflict on a non-object input', () => {
    // Act
    const error = thrownBy(() => applyResultPath('$.someTaskResult', 'input1', 1));

    // Assess
    expect(error.error).toBe('States.ReferencePathConflict');
    expect(error.cause).toBe('Unable to apply ReferencePath $.someTaskResult to input "input1"');
  });
});

describe('resolveFieldPath', () => {
  it('reads ErrorPath and CausePath values', () => {
    expect(resolveFieldPath('ErrorPath', '$.Error', { Error: 'E' }, {})).toBe('E');
    expect(resolveFieldPath('CausePath', '$$.State.Name', {}, { State: { Name: 'Fail' } })).toBe('Fail');
  });

  it('names the field and the input on a miss', () => {
    // Act
    const error = thrownBy(() => resolveFieldPath('ErrorPath', '$.ErrorX', { Error: 'error-value' }, {}));

    // Assess
    expect(error.cause).toBe(
      `The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be found in the input '{"Error":"error-value"}'`,
    );
  });

  it('shows the context object for a missing $$ path', () => {
    // Act
    const error = thrownBy(() => resolveFieldPath('CausePath', '$$.Nope', { a: 1 }, { State: {} }));

    // Assess
    expect(error.cause).toBe(
      `The JSONPath '$$.Nope' specified for the field 'CausePath' could not be found in the input '{"State":{}}'`,
    );
  });
});

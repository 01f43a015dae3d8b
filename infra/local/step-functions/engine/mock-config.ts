/*
 * AWS Step Functions Local's mock configuration (MockConfigFile.json): test cases that replace the
 * service integrations of named states with mocked responses. An execution runs a test case when it
 * is started with `<stateMachineArn>#<TestCaseName>`; each invocation of a mocked state (retries,
 * Map iterations and loops included) takes the next response: "0" the first, "1-2" the second and
 * third, and so on. A state the test case does not name calls its integration as usual.
 */
import { readFileSync } from 'node:fs';

/** A mocked response: the integration's result, or the error it raises. */
export type MockedResponse = { Return: unknown } | { Throw: { Error: string; Cause?: string } };

/** A parsed mock configuration. */
export interface MockConfig {
  /** Whether the configuration defines `testCase` for the state machine named `machineName`. */
  hasTestCase(machineName: string, testCase: string): boolean;
  /**
   * The response for invocation `invocation` (0-based) of `stateName`: undefined when the test case
   * does not mock that state; an Error when it mocks it but defines no response for that invocation.
   */
  responseFor(machineName: string, testCase: string, stateName: string, invocation: number): MockedResponse | undefined;
}

interface RawMockConfig {
  StateMachines?: Record<string, { TestCases?: Record<string, Record<string, string>> }>;
  MockedResponses?: Record<string, Record<string, unknown>>;
}

/** Thrown for a configuration Step Functions Local would refuse; the message says what is wrong. */
export class MockConfigError extends Error {}

/** Reads and checks a mock configuration file (the `SFN_MOCK_CONFIG` variable of Step Functions Local). */
export function loadMockConfig(file: string): MockConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new MockConfigError(`mock configuration ${file} is not readable JSON: ${(error as Error).message}`);
  }
  return parseMockConfig(raw);
}

/**
 * Checks a mock configuration and expands each mocked response into one entry per invocation, so
 * that a bad range or a response naming nothing is reported at start-up, not in the middle of a run.
 */
export function parseMockConfig(raw: unknown): MockConfig {
  if (!isObject(raw)) throw new MockConfigError('a mock configuration is a JSON object');
  const config = raw as RawMockConfig;
  const responses = new Map<string, MockedResponse[]>();
  for (const [name, ranges] of Object.entries(config.MockedResponses ?? {})) {
    responses.set(name, expandRanges(name, ranges));
  }
  const cases = new Map<string, Map<string, MockedResponse[]>>();
  for (const [machineName, machine] of Object.entries(config.StateMachines ?? {})) {
    for (const [testCase, states] of Object.entries(machine?.TestCases ?? {})) {
      const mocked = new Map<string, MockedResponse[]>();
      for (const [stateName, responseName] of Object.entries(states ?? {})) {
        const list = responses.get(responseName);
        if (!list) {
          throw new MockConfigError(
            `test case ${machineName}#${testCase} maps state '${stateName}' to '${responseName}', which MockedResponses does not define`,
          );
        }
        mocked.set(stateName, list);
      }
      cases.set(caseKey(machineName, testCase), mocked);
    }
  }
  return {
    hasTestCase: (machineName, testCase) => cases.has(caseKey(machineName, testCase)),
    responseFor: (machineName, testCase, stateName, invocation) => {
      const list = cases.get(caseKey(machineName, testCase))?.get(stateName);
      if (!list) return undefined;
      const response = list[invocation];
      if (!response) {
        throw new MockConfigError(
          `no mocked response for invocation ${invocation} of state '${stateName}' in test case ${machineName}#${testCase}`,
        );
      }
      return response;
    },
  };
}

function caseKey(machineName: string, testCase: string): string {
  return `${machineName}#${testCase}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `{"0": …, "1-2": …}` → one response per invocation; ranges must be consecutive from 0. */
function expandRanges(name: string, ranges: Record<string, unknown>): MockedResponse[] {
  const parsed = Object.entries(ranges ?? {}).map(([key, value]) => {
    const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(key);
    if (!match)
      throw new MockConfigError(`mocked response ${name}: '${key}' is neither a number nor a range such as 1-2`);
    const start = Number(match[1]);
    const end = match[2] === undefined ? start : Number(match[2]);
    if (end < start) throw new MockConfigError(`mocked response ${name}: range '${key}' ends before it starts`);
    return { start, end, response: readResponse(name, key, value) };
  });
  parsed.sort((a, b) => a.start - b.start);
  const expanded: MockedResponse[] = [];
  for (const { start, end, response } of parsed) {
    if (start !== expanded.length) {
      throw new MockConfigError(
        `mocked response ${name}: invocations must be numbered consecutively from 0; expected ${expanded.length}, found ${start}`,
      );
    }
    for (let i = start; i <= end; i++) expanded.push(response);
  }
  return expanded;
}

function readResponse(name: string, key: string, value: unknown): MockedResponse {
  if (!isObject(value) || 'Return' in value === 'Throw' in value) {
    throw new MockConfigError(`mocked response ${name}.${key} must have exactly one of Return or Throw`);
  }
  if ('Return' in value) return { Return: value.Return };
  const thrown = value.Throw;
  if (!isObject(thrown) || typeof thrown.Error !== 'string') {
    throw new MockConfigError(`mocked response ${name}.${key}: Throw needs an Error string`);
  }
  return { Throw: { Error: thrown.Error, ...(typeof thrown.Cause === 'string' ? { Cause: thrown.Cause } : {}) } };
}

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { listWorkflows } from '../../../functions/commons/workflows';

/*
 * Conventions every state machine keeps (state-machines/README.md): waits for people time out and are
 * caught; Lambda tasks retry transient errors; every workflow file is in the catalogue.
 */

const directory = path.join(__dirname, '..', '..', '..', 'state-machines');
const files = readdirSync(directory).filter((file) => file.endsWith('.asl.json'));

interface State {
  Type: string;
  Resource?: string;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  Retry?: { ErrorEquals: string[] }[];
  Catch?: { ErrorEquals: string[] }[];
  ItemProcessor?: { States: Record<string, State> };
}

function allStates(states: Record<string, State>): [string, State][] {
  return Object.entries(states).flatMap(([name, state]) => [
    [name, state] as [string, State],
    ...(state.ItemProcessor ? allStates(state.ItemProcessor.States) : []),
  ]);
}

describe.each(files)('state-machines/%s', (file) => {
  const definition = JSON.parse(readFileSync(path.join(directory, file), 'utf8')) as { States: Record<string, State> };
  const tasks = allStates(definition.States).filter(([, state]) => state.Type === 'Task');

  it('is a workflow of the catalogue', () => {
    // Assess
    expect(listWorkflows().map((workflow) => workflow.file)).toContain(file);
  });

  it('gives every wait for a task token a timeout and a Catch for States.Timeout', () => {
    // Prepare
    const waits = tasks.filter(([, state]) => state.Resource?.endsWith('.waitForTaskToken'));

    // Assess
    for (const [name, state] of waits) {
      // a timeout from the state's input (a deadline computed by the step before) counts as one
      const timeout = state.TimeoutSeconds! > 0 || /^\$\./.test(state.TimeoutSecondsPath ?? '');
      expect({ name, timeout }).toEqual({ name, timeout: true });
      expect({ name, catches: state.Catch?.some((c) => c.ErrorEquals.includes('States.Timeout')) }).toEqual({
        name,
        catches: true,
      });
    }
  });

  it('retries throttling and Lambda service errors on every task', () => {
    // Assess
    for (const [name, state] of tasks) {
      const retried = (state.Retry ?? []).flatMap((retry) => retry.ErrorEquals);
      expect({ name, retried }).toEqual({
        name,
        retried: expect.arrayContaining([
          'Lambda.ServiceException',
          'Lambda.TooManyRequestsException',
          'ThrottlingException',
        ]),
      });
    }
  });
});

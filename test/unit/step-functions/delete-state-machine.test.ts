import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StepFunctionsService } from '../../../infra/local/step-functions/service/step-functions-service';
import { rejectionOf } from './rejection-of';

const roleArn = 'arn:aws:iam::000000000000:role/local';
let now = Date.parse('2026-11-22T10:00:00Z');
let dir: string;
const services: StepFunctionsService[] = [];

function createService(journalFile?: string) {
  const service = new StepFunctionsService({
    now: () => now,
    invokeLambda: async (_name, payload) => ({ payload }),
    journalFile,
  });
  services.push(service);
  return service;
}

const waitThenPass = JSON.stringify({
  StartAt: 'Wait',
  States: { Wait: { Type: 'Wait', Seconds: 60, Next: 'Done' }, Done: { Type: 'Pass', End: true } },
});

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'trustflow-delete-'));
});

afterEach(() => {
  for (const service of services.splice(0)) service.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('DeleteStateMachine', () => {
  it('deletes an idle machine at once, for good across a restart, and a repeat succeeds', async () => {
    // Prepare
    const journalFile = path.join(dir, 'journal.jsonl');
    const first = createService(journalFile);
    const { stateMachineArn } = await first.createStateMachine({ name: 'idle', definition: waitThenPass, roleArn });

    // Act
    await first.deleteStateMachine({ stateMachineArn });
    const repeated = await first.deleteStateMachine({ stateMachineArn });
    first.close();
    const second = createService(journalFile);
    const described = await rejectionOf(second.describeStateMachine({ stateMachineArn }));
    const listed = await second.listStateMachines({});
    const started = await rejectionOf(second.startExecution({ stateMachineArn }));

    // Assess
    expect(repeated).toEqual({});
    expect(described.name).toBe('StateMachineDoesNotExist');
    expect(listed.stateMachines).toEqual([]);
    expect(started.name).toBe('StateMachineDoesNotExist');
  });

  it('keeps a machine DELETING while an execution runs, which fails at its next transition', async () => {
    // Prepare
    const journalFile = path.join(dir, 'journal.jsonl');
    const first = createService(journalFile);
    const { stateMachineArn } = await first.createStateMachine({ name: 'busy', definition: waitThenPass, roleArn });
    const { executionArn } = await first.startExecution({ stateMachineArn, name: 'run-1' });

    // Act
    await first.deleteStateMachine({ stateMachineArn });
    first.close();
    const second = createService(journalFile);
    second.resume();
    const deleting = await second.describeStateMachine({ stateMachineArn });
    const restart = await rejectionOf(second.startExecution({ stateMachineArn }));
    const recreate = await rejectionOf(second.createStateMachine({ name: 'busy', definition: waitThenPass, roleArn }));
    const redrive = await second.describeExecution({ executionArn });
    now += 60_000;
    second.tick();
    const execution = await second.describeExecution({ executionArn });
    const history = await second.getExecutionHistory({ executionArn });
    const gone = await rejectionOf(second.describeStateMachine({ stateMachineArn }));

    // Assess
    expect(deleting.status).toBe('DELETING');
    expect(restart.name).toBe('StateMachineDeleting');
    expect(recreate.name).toBe('StateMachineDeleting');
    expect(redrive.redriveStatusReason).toBe('State machine is in DELETING status');
    expect(execution).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: 'State machine busy has been deleted.',
    });
    expect(history.events.map((event) => event.type).slice(-2)).toEqual(['WaitStateExited', 'ExecutionFailed']);
    expect(gone.name).toBe('StateMachineDoesNotExist');
  });

  it('refuses a malformed ARN with InvalidArn and a qualified one with ValidationException', async () => {
    // Prepare
    const service = createService();
    const { stateMachineArn } = await service.createStateMachine({ name: 'kept', definition: waitThenPass, roleArn });

    // Act
    const malformed = await rejectionOf(service.deleteStateMachine({ stateMachineArn: 'not-an-arn' }));
    const version = await rejectionOf(service.deleteStateMachine({ stateMachineArn: `${stateMachineArn}:1` }));
    const mapLabel = await rejectionOf(service.deleteStateMachine({ stateMachineArn: `${stateMachineArn}/mapLabel` }));
    const kept = await service.describeStateMachine({ stateMachineArn });

    // Assess
    expect(malformed.name).toBe('InvalidArn');
    expect(version.name).toBe('ValidationException');
    expect(mapLabel.name).toBe('ValidationException');
    expect(kept.status).toBe('ACTIVE');
  });
});

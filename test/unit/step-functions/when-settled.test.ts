import { StepFunctionsService } from '../../../infra/local/step-functions/service/step-functions-service';

/*
 * `whenSettled`: the local clock waits for it before moving, so it must not resolve while a task runs or
 * while the task after it is about to start.
 */

const roleArn = 'arn:aws:iam::000000000000:role/local';
const fn = 'arn:aws:lambda:us-east-1:000000000000:function:step';
const definition = JSON.stringify({
  StartAt: 'First',
  States: {
    First: { Type: 'Task', Resource: fn, Next: 'Second' },
    Second: { Type: 'Task', Resource: fn, End: true },
  },
});

let service: StepFunctionsService;
let finished: string[];

beforeEach(() => {
  finished = [];
  let call = 0;
  service = new StepFunctionsService({
    now: () => Date.now(),
    invokeLambda: async () => {
      const name = ++call === 1 ? 'First' : 'Second';
      await new Promise((resolve) => setTimeout(resolve, 150));
      finished.push(name);
      return { payload: { name } };
    },
  });
});

afterEach(() => service.close());

it('resolves only once every task of a running execution has finished, the next one included', async () => {
  // Prepare
  const { stateMachineArn } = await service.createStateMachine({ name: 'two-steps', definition, roleArn });
  const { executionArn } = await service.startExecution({ stateMachineArn, input: '{}' });

  // Act
  const settled = await service.whenSettled(5_000);

  // Assess
  expect(settled).toBe(true);
  expect(finished).toEqual(['First', 'Second']);
  expect((await service.describeExecution({ executionArn })).status).toBe('SUCCEEDED');
});

it('gives up after its timeout while a task still runs', async () => {
  // Prepare
  const { stateMachineArn } = await service.createStateMachine({ name: 'two-steps', definition, roleArn });
  await service.startExecution({ stateMachineArn, input: '{}' });

  // Act
  const settled = await service.whenSettled(50);

  // Assess
  expect(settled).toBe(false);
  expect(finished).toEqual([]);
  await service.whenSettled(5_000);
});

import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { listFunctions } from '../../functions/function-catalog';
import { listWorkflows, workflowName, type WorkflowId } from '../../functions/commons/workflows';
import { buildDefinitionSubstitutions } from '../state-machine-substitutions';
import type { Functions } from './functions';
import { acknowledgeNagRule, nagAttributeReference } from './nag';

const stateMachinesDir = path.resolve(__dirname, '..', '..', 'state-machines');

/** Properties of {@link Workflows}. */
export interface WorkflowsProps {
  readonly functions: Functions;
  /** Key for the execution logs, which may contain case ids. */
  readonly logKey?: Key;
}

/**
 * One Standard state machine per workflow of the catalogue, loaded from `state-machines/*.asl.json`
 * with the function ARNs substituted, logged and traced. Each function gets what its catalogue entry
 * asks for: the ARN and StartExecution of the workflows it starts, SendTask* on those it answers.
 */
export class Workflows extends Construct {
  private readonly byId = new Map<string, StateMachine>();
  private readonly failedAlarms = new Map<string, Alarm>();
  /** The functions each state machine's definition names (and so depends on). */
  private readonly namedFunctions = new Map<string, Set<string>>();

  constructor(scope: Construct, id: string, props: WorkflowsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    for (const workflow of listWorkflows()) {
      const file = path.join(stateMachinesDir, workflow.file);
      const logGroup = new LogGroup(this, `${workflow.id}Logs`, {
        retention: RetentionDays.SIX_MONTHS,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      const definition = readFileSync(file, 'utf8');
      // Only the functions the definition names: a substitution is a dependency of the state machine.
      const named = listFunctions().filter((fn) => definition.includes(`\${${fn.id}FunctionArn}`));
      const substitutions = buildDefinitionSubstitutions(
        (functionId) => props.functions.get(functionId as never).functionArn,
      );
      const stateMachine = new StateMachine(this, workflow.id, {
        // A fixed name lets functions inside the workflow be granted SendTaskSuccess on it without a
        // reference to the state machine, which would be a circular dependency.
        stateMachineName: `${stack.stackName}-${workflowName(workflow)}`,
        stateMachineType: StateMachineType.STANDARD,
        definitionBody: DefinitionBody.fromFile(file),
        definitionSubstitutions: Object.fromEntries(
          named.map((fn) => [`${fn.id}FunctionArn`, substitutions[`${fn.id}FunctionArn`]!]),
        ),
        tracingEnabled: true,
        logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: false },
      });
      // The role may invoke exactly the functions the definition names.
      for (const fn of named) props.functions.get(fn.id as never).grantInvoke(stateMachine);
      acknowledgeNagRule(
        stateMachine.role,
        'AwsSolutions-IAM5',
        'Step Functions grants lambda:InvokeFunction on "<function ARN>:*" so that versions and aliases of the ' +
          'functions the definition names can be invoked; X-Ray and CloudWatch Logs delivery actions do not support ' +
          'resource-level permissions, so they are granted on "*".',
        [
          'Resource::*',
          ...named.map((fn) => `Resource::${nagAttributeReference(props.functions.get(fn.id as never), 'Arn')}:*`),
        ],
      );
      this.byId.set(workflow.id, stateMachine);
      // a FAILED execution waits for an operator (a redrive once the cause is fixed: functions/orders/README.md)
      this.failedAlarms.set(
        workflow.id,
        new Alarm(this, `${workflow.id}FailedAlarm`, {
          alarmDescription:
            (workflow as { onFailure?: string }).onFailure ??
            `An execution of ${workflowName(workflow)} failed: it stopped where it failed. Find it with ` +
              '`aws stepfunctions list-executions --status-filter FAILED`, fix the cause, then redrive it ' +
              '(runbooks in functions/orders/README.md and state-machines/README.md).',
          metric: stateMachine.metricFailed({ period: Duration.minutes(5) }),
          threshold: 0,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
      this.namedFunctions.set(workflow.id, new Set(named.map((fn) => fn.id)));
    }
    this.grantFunctionAccess(props.functions);
  }

  /** The alarm raised when an execution of a workflow fails. */
  failedAlarm(id: WorkflowId): Alarm {
    const alarm = this.failedAlarms.get(id);
    if (!alarm) throw new Error(`Workflows: no workflow '${id}'`);
    return alarm;
  }

  /** The state machine of a workflow. */
  get(id: WorkflowId): StateMachine {
    const stateMachine = this.byId.get(id);
    if (!stateMachine) throw new Error(`Workflows: no workflow '${id}'`);
    return stateMachine;
  }

  private grantFunctionAccess(functions: Functions): void {
    const stack = Stack.of(this);
    const arnByName = (id: string) =>
      stack.formatArn({
        service: 'states',
        resource: 'stateMachine',
        resourceName: `${stack.stackName}-${workflowName(listWorkflows().find((w) => w.id === id)!)}`,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
    for (const definition of listFunctions()) {
      const access = definition.access.workflows;
      if (!access) continue;
      const fn = functions.get(definition.id as never);
      for (const id of access.start ?? []) {
        // a function that runs inside the workflow it starts (continue-as-new) knows it by its fixed name:
        // a reference would make the state machine and the function depend on each other
        if (this.namedFunctions.get(id)?.has(definition.id)) {
          fn.addToRolePolicy(new PolicyStatement({ actions: ['states:StartExecution'], resources: [arnByName(id)] }));
          fn.addEnvironment(workflowArnVariable(id), arnByName(id));
          continue;
        }
        const stateMachine = this.get(id);
        stateMachine.grantStartExecution(fn);
        fn.addEnvironment(workflowArnVariable(id), stateMachine.stateMachineArn);
      }
      for (const id of access.respond ?? []) {
        const arn = arnByName(id);
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
            resources: [arn],
          }),
        );
      }
    }
  }
}

function workflowArnVariable(id: WorkflowId): string {
  return listWorkflows().find((workflow) => workflow.id === id)!.arnVariable;
}

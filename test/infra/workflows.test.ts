import { Match, type Template } from 'aws-cdk-lib/assertions';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { workflowCatalog, type WorkflowId } from '../../functions/commons/workflows';
import type { FunctionId } from '../../functions/function-catalog';
import type { TrustFlowStack } from '../../infra/trustflow-stack';
import { logicalIdOf, synthesizeStack } from './support/synthesize-stack';

let stack: TrustFlowStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = synthesizeStack());
});

/** Every IAM statement attached to a function's role. */
function statementsOf(functionId: FunctionId): { Action: string | string[]; Resource: unknown }[] {
  const roleId = logicalIdOf(stack, stack.functions.get(functionId).role!);
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleId }]) },
  });
  return Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

function actionsOf(functionId: FunctionId): string[] {
  return statementsOf(functionId).flatMap((statement) => ([] as string[]).concat(statement.Action));
}

describe('workflows', () => {
  it.each(Object.keys(workflowCatalog) as WorkflowId[])(
    'deploys %s as a Standard state machine with logging and tracing, from its ASL file',
    (id) => {
      // Act
      const resource = template.findResources('AWS::StepFunctions::StateMachine')[
        logicalIdOf(stack, stack.workflows.get(id))
      ];

      // Assess
      expect(resource?.Properties).toMatchObject({
        StateMachineType: 'STANDARD',
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false },
      });
      // the ASL file goes up as an asset; its placeholders are filled from exactly the functions it names
      expect(resource?.Properties.DefinitionS3Location).toBeDefined();
      const named = readFileSync(
        path.join(__dirname, '..', '..', 'state-machines', workflowCatalog[id].file),
        'utf8',
      ).match(/\$\{(\w+)\}/g)!;
      expect(Object.keys(resource?.Properties.DefinitionSubstitutions).sort()).toEqual(
        [...new Set(named.map((placeholder) => placeholder.slice(2, -1)))].sort(),
      );
    },
  );

  it.each(Object.keys(workflowCatalog) as WorkflowId[])(
    'raises an alarm when an execution of %s fails, so an operator can fix the cause and redrive it',
    (id) => {
      // Act
      const alarm =
        template.findResources('AWS::CloudWatch::Alarm')[logicalIdOf(stack, stack.workflows.failedAlarm(id))];

      // Assess
      expect(alarm?.Properties).toMatchObject({
        Namespace: 'AWS/States',
        MetricName: 'ExecutionsFailed',
        Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: logicalIdOf(stack, stack.workflows.get(id)) } }],
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
        TreatMissingData: 'notBreaching',
        AlarmDescription: expect.stringMatching(/redrive/),
      });
    },
  );

  it('lets the KYC state machine invoke exactly the functions its definition names', () => {
    // Prepare
    const roleId = logicalIdOf(stack, stack.workflows.get('kycCase').role);
    const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } });
    const invoked = JSON.stringify(Object.values(policies).map((policy) => policy.Properties.PolicyDocument));

    // Assess
    for (const fn of ['kycCaseStep', 'extractKycDocument', 'screenKycParties', 'assessKycCase'] as const) {
      expect(invoked).toContain(logicalIdOf(stack, stack.functions.get(fn)));
    }
    for (const fn of ['submitKycCase', 'escalateReviewTask', 'decideReviewTask'] as const) {
      expect(invoked).not.toContain(logicalIdOf(stack, stack.functions.get(fn)));
    }
  });

  it('gives Textract access to the extraction function alone', () => {
    // Assess
    expect(actionsOf('extractKycDocument')).toEqual(
      expect.arrayContaining(['textract:AnalyzeID', 'textract:AnalyzeDocument']),
    );
    for (const fn of ['kycCaseStep', 'submitKycCase', 'screenKycParties', 'processDocumentUpload'] as const) {
      expect(actionsOf(fn).filter((action) => action.startsWith('textract:'))).toEqual([]);
    }
  });

  it('lets the submit function start KYC executions and the decision function answer them, and nothing more', () => {
    // Assess
    expect(actionsOf('submitKycCase')).toEqual(
      expect.arrayContaining(['states:StartExecution', 'states:SendTaskSuccess']),
    );
    expect(actionsOf('decideReviewTask')).toContain('states:SendTaskSuccess');
    expect(actionsOf('decideReviewTask')).not.toContain('states:StartExecution');
    expect(actionsOf('listReviewTasks').filter((action) => action.startsWith('states:'))).toEqual([]);
    expect(actionsOf('getKycCase').filter((action) => action.startsWith('states:'))).toEqual([]);
  });

  it('routes the review API to reviewers, and submit to clients', () => {
    // Assess
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /review/tasks/{taskId}/decision' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /review/tasks' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /kyc/cases/{caseId}/submit' });
  });
});

/*
 * Request validation for the local Step Functions endpoint. The constraints are the Smithy model's
 * (lengths, ranges, enums), which AWS enforces before the service sees a request and reports as a
 * ValidationException; semantic checks (ARN format, name characters, JSON payloads) stay with the
 * service, which answers them with InvalidArn, InvalidName, InvalidExecutionInput and so on.
 */
import * as z from 'zod';

const arn = z.string().min(1).max(256);
/** Map run ARNs are LongArn in the model: longer than other ARNs. */
const longArn = z.string().min(1).max(2000);
const name = z.string().min(1).max(80);
/** AWS's SensitiveData: execution input and task output, in characters. */
const sensitiveData = z.string().max(262144);
const errorCode = z.string().max(256);
const cause = z.string().max(32768);
const taskToken = z.string().min(1).max(2048);
const maxResults = z.int().min(0).max(1000).optional();
const nextToken = z.string().min(1).max(1024).optional();

/**
 * One schema per operation, keyed by the name after `AWSStepFunctions.` in X-Amz-Target. Members
 * the local service does not model (logging, traceHeader, mapRunArn…) are stripped rather than
 * refused, so requests written for AWS still run locally.
 */
export const sfnRequestSchemas = {
  CreateStateMachine: z.object({
    name,
    definition: z.string().min(1).max(1048576),
    roleArn: arn,
    type: z.enum(['STANDARD', 'EXPRESS']).optional(),
    tags: z
      .array(z.object({ key: z.string().min(1).max(128), value: z.string().max(256) }))
      .max(50)
      .optional(),
  }),
  DescribeStateMachine: z.object({ stateMachineArn: arn }),
  ListStateMachines: z.object({ maxResults, nextToken }),
  StartExecution: z.object({ stateMachineArn: arn, name: name.optional(), input: sensitiveData.optional() }),
  DescribeExecution: z.object({ executionArn: arn }),
  // AWS also lists by mapRunArn and accepts PENDING_REDRIVE, neither of which the local service has.
  ListExecutions: z.object({
    stateMachineArn: arn,
    statusFilter: z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']).optional(),
    redriveFilter: z.enum(['REDRIVEN', 'NOT_REDRIVEN']).optional(),
    maxResults,
    nextToken,
  }),
  StopExecution: z.object({ executionArn: arn, error: errorCode.optional(), cause: cause.optional() }),
  GetExecutionHistory: z.object({ executionArn: arn, maxResults, nextToken, reverseOrder: z.boolean().optional() }),
  SendTaskSuccess: z.object({ taskToken, output: sensitiveData }),
  SendTaskFailure: z.object({ taskToken, error: errorCode.optional(), cause: cause.optional() }),
  SendTaskHeartbeat: z.object({ taskToken }),
  ValidateStateMachineDefinition: z.object({
    definition: z.string().min(1).max(1048576),
    type: z.enum(['STANDARD', 'EXPRESS']).optional(),
    severity: z.enum(['ERROR', 'WARNING']).optional(),
    maxResults: z.int().min(0).max(100).optional(),
  }),
  DescribeStateMachineForExecution: z.object({ executionArn: arn, includedData: z.string().optional() }),
  UpdateStateMachine: z.object({
    stateMachineArn: arn,
    definition: z.string().min(1).max(1048576).optional(),
    roleArn: arn.optional(),
  }),
  TagResource: z.object({
    resourceArn: arn,
    tags: z.array(z.object({ key: z.string().min(1).max(128), value: z.string().max(256) })).max(50),
  }),
  UntagResource: z.object({ resourceArn: arn, tagKeys: z.array(z.string().min(1).max(128)).max(50) }),
  ListTagsForResource: z.object({ resourceArn: arn }),
  DeleteStateMachine: z.object({ stateMachineArn: arn }),
  TestState: z.object({
    definition: z.string().min(1).max(1048576),
    roleArn: arn.optional(),
    input: sensitiveData.optional(),
    inspectionLevel: z.enum(['INFO', 'DEBUG', 'TRACE']).optional(),
    revealSecrets: z.boolean().optional(),
    variables: sensitiveData.optional(),
    stateName: z.string().min(1).max(80).optional(),
    mock: z
      .object({
        result: sensitiveData.optional(),
        errorOutput: z.object({ error: errorCode.optional(), cause: cause.optional() }).optional(),
        fieldValidationMode: z.enum(['STRICT', 'PRESENT', 'NONE']).optional(),
      })
      .optional(),
    context: sensitiveData.optional(),
    stateConfiguration: z
      .object({
        retrierRetryCount: z.int().min(0).optional(),
        errorCausedByState: z.string().min(1).max(80).optional(),
        mapIterationFailureCount: z.int().min(0).optional(),
        mapItemReaderData: sensitiveData.optional(),
      })
      .optional(),
  }),
  RedriveExecution: z.object({ executionArn: arn, clientToken: z.string().min(1).max(256).optional() }),
  DescribeMapRun: z.object({ mapRunArn: longArn }),
  ListMapRuns: z.object({ executionArn: arn, maxResults, nextToken }),
  UpdateMapRun: z.object({
    mapRunArn: longArn,
    maxConcurrency: z.int().min(0).optional(),
    toleratedFailurePercentage: z.number().min(0).max(100).optional(),
    toleratedFailureCount: z.int().min(0).optional(),
  }),
};

/** The operations the endpoint serves, as they appear in X-Amz-Target. */
export type SfnOperation = keyof typeof sfnRequestSchemas;

/**
 * Words a zod issue the way AWS words a constraint violation, naming the member:
 * `Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null`.
 */
function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.map(String).join('.') || '(request body)';
  return `Value${quoteValue(issue.input)}at '${field}' failed to satisfy constraint: ${describeConstraint(issue)}`;
}

/** Short values help the caller; long ones (inputs, definitions) would drown the message. */
function quoteValue(value: unknown): string {
  if (value === undefined || value === null) return ' null ';
  if (typeof value === 'string' && value.length <= 100) return ` '${value}' `;
  if (typeof value === 'number' || typeof value === 'boolean') return ` ${value} `;
  return ' ';
}

function describeConstraint(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'Member must not be null' : `Member must be of type ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `Member must have length greater than or equal to ${issue.minimum}`
        : `Member must have value greater than or equal to ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `Member must have length less than or equal to ${issue.maximum}`
        : `Member must have value less than or equal to ${issue.maximum}`;
    case 'invalid_value':
      return `Member must satisfy enum value set: [${issue.values.map(String).join(', ')}]`;
    default:
      return issue.message;
  }
}

/** The message of a ValidationException, in AWS's format: a count, then each violation. */
export function describeValidationIssues(issues: readonly z.core.$ZodIssue[]): string {
  const count = `${issues.length} validation error${issues.length === 1 ? '' : 's'} detected`;
  return `${count}: ${issues.map(describeIssue).join('; ')}`;
}

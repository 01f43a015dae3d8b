import { functionCatalog, type FunctionId } from '../../functions/function-catalog';

/**
 * AWS list prices (us-east-1, USD) the KYC cost estimate uses. Prices change: check them against
 * https://aws.amazon.com/pricing before quoting the estimate.
 */
export const awsListPrices = {
  /** Step Functions Standard, per state transition. */
  stepFunctionsPerTransition: 0.025 / 1000,
  /** Lambda on arm64, per GB-second and per request. */
  lambdaArmPerGbSecond: 0.0000133334,
  lambdaPerRequest: 0.2 / 1_000_000,
  /** DynamoDB on-demand, per write and read request unit. */
  dynamoDbPerWriteUnit: 0.625 / 1_000_000,
  dynamoDbPerReadUnit: 0.125 / 1_000_000,
  /** Textract AnalyzeID, per page (first million pages a month). */
  textractAnalyzeIdPerPage: 0.025,
  /** Textract AnalyzeDocument with Forms and Queries, per page (first million pages a month). */
  textractFormsAndQueriesPerPage: 0.05 + 0.015,
} as const;

/**
 * Assumed billed duration of each KYC function on AWS, per invocation: the local stack runs handlers in
 * process, so their AWS durations are estimates, printed as such with the result. How many times each
 * runs is measured; memory is the function catalogue's, as CDK deploys it.
 */
const assumedMs: Partial<Record<FunctionId, number>> = {
  kycCaseStep: 150,
  // waits for Textract's synchronous answer
  extractKycDocument: 2500,
  assessKycCase: 100,
  screenKycParties: 100,
  // the API calls of one case: create, document registrations, submit; and the S3 upload check
  createKycCase: 60,
  requestDocumentUpload: 80,
  processDocumentUpload: 150,
  submitKycCase: 80,
};

export const assumedKycLambdaCosts: Record<string, { ms: number; memoryMb: number }> = Object.fromEntries(
  Object.entries(assumedMs).map(([id, ms]) => {
    const definition = functionCatalog[id as FunctionId] as { memorySize?: number };
    return [id, { ms, memoryMb: definition.memorySize ?? 512 }];
  }),
);

/**
 * Pages Textract bills per request of the KYC reader: it sends one page per AnalyzeID call
 * (`DocumentPages: [one S3 object]`), and the bench's documents are single-page images. Assumed, not
 * counted: the local endpoint does not report pages.
 */
export const assumedTextractPagesPerRequest = 1;

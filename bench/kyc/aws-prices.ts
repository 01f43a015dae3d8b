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
 * Assumed billed duration and memory of each KYC Lambda on AWS: the local stack runs handlers in
 * process, so their AWS durations are estimates, printed with the result.
 */
export const assumedLambdaCosts: Record<string, { ms: number; memoryMb: number }> = {
  kycCaseStep: { ms: 150, memoryMb: 512 },
  // waits for Textract's synchronous answer
  extractKycDocument: { ms: 2500, memoryMb: 512 },
  assessKycCase: { ms: 100, memoryMb: 512 },
  screenKycParties: { ms: 100, memoryMb: 1024 },
  // the API calls of one case: create, two document registrations, two upload checks, submit
  createKycCase: { ms: 60, memoryMb: 512 },
  requestDocumentUpload: { ms: 80, memoryMb: 512 },
  processDocumentUpload: { ms: 150, memoryMb: 1024 },
  submitKycCase: { ms: 80, memoryMb: 512 },
};

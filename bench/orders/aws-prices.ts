/**
 * Prices and assumptions of the assured-order cost estimate. The list prices are the KYC estimate's
 * (`bench/kyc/aws-prices.ts`, us-east-1, USD), plus API Gateway: check them against
 * https://aws.amazon.com/pricing before quoting the estimate.
 */
import { functionCatalog, type FunctionId } from '../../functions/function-catalog';
import { awsListPrices } from '../kyc/aws-prices';

export const orderPrices = {
  ...awsListPrices,
  /** API Gateway HTTP API, per request (first 300 million a month). */
  httpApiPerRequest: 1.0 / 1_000_000,
} as const;

/**
 * Assumed billed duration of each function an order uses on AWS: the local stack runs handlers in
 * process, so their AWS durations are estimates, printed with the result. Memory is the function
 * catalogue's, as CDK deploys it.
 */
const assumedMs: Partial<Record<FunctionId, number>> = {
  // workflow steps: one conditional transaction or a task-token registration each
  assuredOrderStep: 120,
  // screens buyer and supplier against the in-memory index
  screenOrderCounterparties: 100,
  // trade rules, the order's transaction, StartExecution
  createOrder: 180,
  // a transaction reserving the coverage, SendTaskSuccess
  confirmOrder: 100,
  // signature check, deduplication Put, a transaction, SendTaskSuccess
  receivePaymentWebhook: 120,
  receiveLogisticsWebhook: 100,
  // signature check, deduplication Put, the payout's transaction, SendTaskSuccess
  receivePayoutWebhook: 120,
  // signature check, deduplication Put, the report's transaction, SendTaskSuccess
  receiveInspectionWebhook: 100,
  confirmOrderReceipt: 100,
};

export const assumedOrderLambdaCosts: Record<string, { ms: number; memoryMb: number }> = Object.fromEntries(
  Object.entries(assumedMs).map(([id, ms]) => {
    const definition = functionCatalog[id as FunctionId] as { memorySize?: number };
    return [id, { ms, memoryMb: definition.memorySize ?? 512 }];
  }),
);

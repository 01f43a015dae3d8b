import type { FunctionId } from '../../function-catalog';

/** Roles are Cognito groups. */
export const roles = ['client', 'reviewer', 'admin'] as const;

/** One of {@link roles}. */
export type Role = (typeof roles)[number];

/** HTTP methods the API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * How a route authenticates: `jwt` through the HTTP API's JWT authorizer (Cognito), `none` for public
 * documents, `hmac` for partner webhooks that carry their own signature.
 */
export type RouteAuth = 'jwt' | 'none' | 'hmac';

/** One HTTP route. */
export interface RouteDefinition {
  method: HttpMethod;
  /** API Gateway path template, e.g. `/kyc/cases/{caseId}`. */
  path: string;
  function: FunctionId;
  auth: RouteAuth;
  /** Roles allowed to call it; empty for routes without JWT auth. */
  roles: readonly Role[];
}

/**
 * Every HTTP route. CDK builds the HTTP API from this list, the local API server serves it, and the
 * handlers' authorization middleware reads the allowed roles from it, so the three cannot drift.
 */
export const routeTable: readonly RouteDefinition[] = [
  { method: 'POST', path: '/kyc/cases', function: 'createKycCase', auth: 'jwt', roles: ['client'] },
  {
    method: 'POST',
    path: '/kyc/cases/{caseId}/documents',
    function: 'requestDocumentUpload',
    auth: 'jwt',
    roles: ['client'],
  },
  {
    method: 'POST',
    path: '/kyc/cases/{caseId}/submit',
    function: 'submitKycCase',
    auth: 'jwt',
    roles: ['client'],
  },
  {
    method: 'POST',
    path: '/kyc/cases/{caseId}/upgrade',
    function: 'upgradeKycCase',
    auth: 'jwt',
    roles: ['client'],
  },
  {
    method: 'POST',
    path: '/kyc/cases/{caseId}/answers',
    function: 'answerKycQuestions',
    auth: 'jwt',
    roles: ['client'],
  },
  {
    method: 'POST',
    path: '/kyc/cases/{caseId}/withdrawal',
    function: 'withdrawKycCase',
    auth: 'jwt',
    roles: ['client'],
  },
  {
    method: 'GET',
    path: '/kyc/cases/{caseId}',
    function: 'getKycCase',
    auth: 'jwt',
    roles: ['client', 'reviewer', 'admin'],
  },
  {
    method: 'POST',
    path: '/screening/search',
    function: 'searchScreening',
    auth: 'jwt',
    roles: ['reviewer', 'admin'],
  },
  { method: 'GET', path: '/review/tasks', function: 'listReviewTasks', auth: 'jwt', roles: ['reviewer', 'admin'] },
  { method: 'POST', path: '/webhook-endpoints', function: 'createWebhookEndpoint', auth: 'jwt', roles: ['admin'] },
  { method: 'GET', path: '/webhook-endpoints', function: 'listWebhookEndpoints', auth: 'jwt', roles: ['admin'] },
  {
    method: 'GET',
    path: '/webhook-endpoints/{endpointId}',
    function: 'getWebhookEndpoint',
    auth: 'jwt',
    roles: ['admin'],
  },
  {
    method: 'PATCH',
    path: '/webhook-endpoints/{endpointId}',
    function: 'updateWebhookEndpoint',
    auth: 'jwt',
    roles: ['admin'],
  },
  {
    method: 'POST',
    path: '/webhook-endpoints/{endpointId}/secret/rotate',
    function: 'rotateWebhookEndpointSecret',
    auth: 'jwt',
    roles: ['admin'],
  },
  {
    method: 'GET',
    path: '/webhook-endpoints/{endpointId}/deliveries',
    function: 'listWebhookDeliveries',
    auth: 'jwt',
    roles: ['admin'],
  },
  {
    method: 'POST',
    path: '/webhook-endpoints/{endpointId}/deliveries/{deliveryId}/retry',
    function: 'retryWebhookDelivery',
    auth: 'jwt',
    roles: ['admin'],
  },
  {
    method: 'GET',
    path: '/compliance/reports',
    function: 'listComplianceReports',
    auth: 'jwt',
    roles: ['reviewer', 'admin'],
  },
  {
    method: 'GET',
    path: '/review/tasks/{taskId}',
    function: 'getReviewTask',
    auth: 'jwt',
    roles: ['reviewer', 'admin'],
  },
  {
    method: 'POST',
    path: '/review/tasks/{taskId}/decision',
    function: 'decideReviewTask',
    auth: 'jwt',
    // admins decide TRADE_ASSURANCE_OVERRIDE tasks only; the use case checks the role per kind
    roles: ['reviewer', 'admin'],
  },
  {
    method: 'POST',
    path: '/review/tasks/{taskId}/approval',
    function: 'approveReviewTask',
    auth: 'jwt',
    // admins decide TRADE_ASSURANCE_OVERRIDE tasks only; the use case checks the role per kind
    roles: ['reviewer', 'admin'],
  },
  {
    method: 'GET',
    path: '/parties/{partyId}/kyc',
    function: 'getKycStanding',
    auth: 'jwt',
    roles: ['client', 'reviewer', 'admin'],
  },
  {
    method: 'GET',
    path: '/suppliers/{supplierId}/profile',
    function: 'getSupplierProfile',
    auth: 'jwt',
    roles: ['client', 'reviewer', 'admin'],
  },
  {
    method: 'POST',
    path: '/suppliers/{supplierId}/trade-assurance/enrolment',
    function: 'tradeAssuranceEnrolment',
    auth: 'jwt',
    roles: ['client'],
  },
  {
    method: 'DELETE',
    path: '/suppliers/{supplierId}/trade-assurance/enrolment',
    function: 'tradeAssuranceEnrolment',
    auth: 'jwt',
    roles: ['client'],
  },
  { method: 'POST', path: '/orders', function: 'createOrder', auth: 'jwt', roles: ['client'] },
  {
    method: 'GET',
    path: '/orders/{orderId}',
    function: 'getOrder',
    auth: 'jwt',
    roles: ['client', 'reviewer', 'admin'],
  },
  {
    method: 'POST',
    path: '/orders/{orderId}/confirmation',
    function: 'confirmOrder',
    auth: 'jwt',
    roles: ['client'],
  },
  {
    method: 'POST',
    path: '/orders/{orderId}/ship-by-extension',
    function: 'requestShipByExtension',
    auth: 'jwt',
    roles: ['client'],
  },
  {
    method: 'POST',
    path: '/orders/{orderId}/ship-by-extension/acceptance',
    function: 'answerShipByExtension',
    auth: 'jwt',
    roles: ['client'],
  },
  {
    method: 'POST',
    path: '/orders/{orderId}/receipt-window-extension',
    function: 'extendReceiptWindow',
    auth: 'jwt',
    roles: ['client'],
  },
  {
    method: 'POST',
    path: '/orders/{orderId}/receipt',
    function: 'confirmOrderReceipt',
    auth: 'jwt',
    roles: ['client'],
  },
  { method: 'POST', path: '/orders/{orderId}/claims', function: 'openOrderClaim', auth: 'jwt', roles: ['client'] },
  {
    method: 'POST',
    path: '/orders/{orderId}/claims/{claimId}/response',
    function: 'respondToOrderClaim',
    auth: 'jwt',
    roles: ['client'],
  },
  {
    method: 'POST',
    path: '/orders/{orderId}/claims/{claimId}/acceptance',
    function: 'acceptOrderClaimOffer',
    auth: 'jwt',
    roles: ['client'],
  },
  {
    method: 'POST',
    path: '/orders/{orderId}/claims/{claimId}/escalation',
    function: 'escalateOrderClaim',
    auth: 'jwt',
    roles: ['client'],
  },
  { method: 'POST', path: '/webhooks/payments', function: 'receivePaymentWebhook', auth: 'hmac', roles: [] },
  { method: 'POST', path: '/webhooks/logistics', function: 'receiveLogisticsWebhook', auth: 'hmac', roles: [] },
  { method: 'POST', path: '/webhooks/payouts', function: 'receivePayoutWebhook', auth: 'hmac', roles: [] },
  {
    method: 'POST',
    path: '/webhooks/inspections',
    function: 'receiveInspectionWebhook',
    auth: 'hmac',
    roles: [],
  },
  {
    method: 'POST',
    path: '/admin/monitoring/rescreen',
    function: 'startMonitoringRescreen',
    auth: 'jwt',
    roles: ['admin'],
  },
  {
    method: 'PUT',
    path: '/admin/suppliers/{supplierId}/trade-assurance',
    function: 'overrideTradeAssurance',
    auth: 'jwt',
    roles: ['admin'],
  },
  {
    method: 'GET',
    path: '/admin/ledger/invariants',
    function: 'checkLedgerInvariants',
    auth: 'jwt',
    roles: ['admin'],
  },
  { method: 'GET', path: '/openapi.json', function: 'getOpenApiDocument', auth: 'none', roles: [] },
  { method: 'GET', path: '/asyncapi.json', function: 'getAsyncApiDocument', auth: 'none', roles: [] },
];

/** The API Gateway route key of a route, e.g. `GET /kyc/cases/{caseId}`. */
export function toRouteKey(route: Pick<RouteDefinition, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}

/** Looks a route up by its API Gateway route key. */
export function findRouteByKey(routeKey: string): RouteDefinition | undefined {
  return routeTable.find((route) => toRouteKey(route) === routeKey);
}

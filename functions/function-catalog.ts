import type { WorkflowId } from './commons/workflows';

/**
 * Every Lambda function of TrustFlow. CDK creates one NodejsFunction per entry, the local stack loads
 * the same entry modules in process, and the cold-start benchmark bundles each one.
 */

/** What a function needs from the platform, so CDK can grant exactly that. */
export interface FunctionAccess {
  table?: 'read' | 'readWrite';
  /** `presign` uploads, `inspect` (read and delete) uploaded objects, or `read` them for OCR. */
  documents?: 'presign' | 'inspect' | 'read';
  /** Textract AnalyzeID and AnalyzeDocument. */
  textract?: boolean;
  /** Workflows whose executions it starts, and whose waiting tasks it completes (SendTaskSuccess/Failure). */
  workflows?: { start?: readonly WorkflowId[]; respond?: readonly WorkflowId[] };
  /** The screening bucket: `read` the index artifacts, or `publish` new ones. */
  screening?: 'read' | 'publish';
  /** Ongoing monitoring's objects in the screening bucket (`monitoring/`: its state, the re-screen shards). */
  monitoring?: 'read' | 'readWrite';
}

/** One Lambda function. */
export interface FunctionDefinition {
  /** Stable id: used for the CDK construct id and in the route table. */
  id: string;
  /** Entry module, relative to the repository root; it exports `handler`. */
  entry: string;
  description: string;
  access: FunctionAccess;
  /** Seconds; defaults to 10. */
  timeoutSeconds?: number;
  /** MB; defaults to 512. */
  memorySize?: number;
}

/** All functions, keyed by id. */
export const functionCatalog = {
  createKycCase: {
    id: 'createKycCase',
    entry: 'functions/kyc/handlers/create-case.ts',
    description: 'POST /kyc/cases: opens a KYC/KYB case',
    access: { table: 'readWrite' },
  },
  requestDocumentUpload: {
    id: 'requestDocumentUpload',
    entry: 'functions/kyc/handlers/request-document-upload.ts',
    description: 'POST /kyc/cases/{caseId}/documents: registers a document and returns a presigned POST',
    access: { table: 'readWrite', documents: 'presign' },
  },
  getKycCase: {
    id: 'getKycCase',
    entry: 'functions/kyc/handlers/get-case.ts',
    description: 'GET /kyc/cases/{caseId}: the case with documents and timeline',
    access: { table: 'read' },
  },
  processDocumentUpload: {
    id: 'processDocumentUpload',
    entry: 'functions/kyc/handlers/process-document-upload.ts',
    description: 'S3 object-created: verifies size, type and hash of an uploaded document',
    access: { table: 'readWrite', documents: 'inspect' },
    timeoutSeconds: 30,
    memorySize: 1024,
  },
  submitKycCase: {
    id: 'submitKycCase',
    entry: 'functions/kyc/handlers/submit-case.ts',
    description: 'POST /kyc/cases/{caseId}/submit: starts or resumes the case workflow',
    access: { table: 'readWrite', workflows: { start: ['kycCase'], respond: ['kycCase'] } },
  },
  upgradeKycCase: {
    id: 'upgradeKycCase',
    entry: 'functions/kyc/handlers/upgrade-case.ts',
    description: 'POST /kyc/cases/{caseId}/upgrade: a HIGH_VALUE case from an approved STANDARD one',
    access: { table: 'readWrite' },
  },
  answerKycQuestions: {
    id: 'answerKycQuestions',
    entry: 'functions/kyc/handlers/answer-case-questions.ts',
    description: "POST /kyc/cases/{caseId}/answers: the applicant answers a reviewer's questions",
    access: { table: 'readWrite' },
  },
  withdrawKycCase: {
    id: 'withdrawKycCase',
    entry: 'functions/kyc/handlers/withdraw-case.ts',
    description: 'POST /kyc/cases/{caseId}/withdrawal: the applicant withdraws a case not yet submitted',
    access: { table: 'readWrite' },
  },
  kycCaseStep: {
    id: 'kycCaseStep',
    entry: 'functions/app/kyc/run-case-step.ts',
    description: 'KYC workflow steps: begin a round, request information, open a review, finalise, record a failure',
    access: { table: 'readWrite', workflows: { start: ['reviewTaskEscalation'], respond: ['kycCase'] } },
    timeoutSeconds: 30,
  },
  extractKycDocument: {
    id: 'extractKycDocument',
    entry: 'functions/kyc/handlers/extract-document.ts',
    description: 'KYC workflow: reads one document with Textract and stores the normalised fields',
    access: { table: 'readWrite', documents: 'read', textract: true },
    // Textract reads multi-page documents synchronously; allow for its retries.
    timeoutSeconds: 120,
  },
  assessKycCase: {
    id: 'assessKycCase',
    entry: 'functions/kyc/handlers/assess-case.ts',
    description: 'KYC workflow: document checks, risk score and the outcome (approve, ask for information, review)',
    access: { table: 'readWrite' },
    timeoutSeconds: 30,
  },
  screenKycParties: {
    id: 'screenKycParties',
    entry: 'functions/app/kyc/screen-case-parties.ts',
    description: 'KYC workflow: screens the applicant and every director and UBO against the sanctions lists',
    access: { table: 'readWrite', screening: 'read' },
    // The index is built in memory at cold start, like searchScreening's.
    timeoutSeconds: 60,
    memorySize: 1024,
  },
  listReviewTasks: {
    id: 'listReviewTasks',
    entry: 'functions/review/handlers/list-review-tasks.ts',
    description: 'GET /review/tasks: the review queue, ordered by due time',
    access: { table: 'read' },
  },
  listComplianceReports: {
    id: 'listComplianceReports',
    entry: 'functions/orders/handlers/list-compliance-reports.ts',
    description: 'GET /compliance/reports: compliance reports for staff, newest first',
    access: { table: 'read' },
  },
  getReviewTask: {
    id: 'getReviewTask',
    entry: 'functions/app/review/get-review-task.ts',
    description: 'GET /review/tasks/{taskId}: a review task with its evidence',
    access: { table: 'read' },
  },
  decideReviewTask: {
    id: 'decideReviewTask',
    entry: 'functions/app/review/decide-review-task.ts',
    description: 'POST /review/tasks/{taskId}/decision: records a decision and resumes the waiting workflow',
    access: { table: 'readWrite', workflows: { respond: ['kycCase', 'assuredOrder'] } },
  },
  approveReviewTask: {
    id: 'approveReviewTask',
    entry: 'functions/app/review/approve-review-task.ts',
    description: 'POST /review/tasks/{taskId}/approval: a second reviewer approves or rejects a four-eyes proposal',
    access: { table: 'readWrite', workflows: { respond: ['kycCase', 'assuredOrder'] } },
  },
  escalateReviewTask: {
    id: 'escalateReviewTask',
    entry: 'functions/app/review/escalate-review-task.ts',
    description: 'Review escalation workflow: flags a task still open when it falls due',
    access: { table: 'readWrite' },
  },
  getKycStanding: {
    id: 'getKycStanding',
    entry: 'functions/parties/handlers/get-kyc-standing.ts',
    description: "GET /parties/{partyId}/kyc: a party's KYC standing and tier",
    access: { table: 'read' },
  },
  getSupplierProfile: {
    id: 'getSupplierProfile',
    entry: 'functions/suppliers/handlers/get-supplier-profile.ts',
    description: 'GET /suppliers/{supplierId}/profile: trust profile and Trade Assurance amount',
    access: { table: 'read' },
  },
  tradeAssuranceEnrolment: {
    id: 'tradeAssuranceEnrolment',
    entry: 'functions/suppliers/handlers/trade-assurance-enrolment.ts',
    description: 'POST/DELETE /suppliers/{supplierId}/trade-assurance/enrolment: the supplier joins or leaves',
    access: { table: 'readWrite' },
  },
  createOrder: {
    id: 'createOrder',
    entry: 'functions/orders/handlers/create-order.ts',
    description: 'POST /orders: screens an assured order, reserves its Trade Assurance coverage, starts its workflow',
    access: { table: 'readWrite', workflows: { start: ['assuredOrder'] } },
  },
  getOrder: {
    id: 'getOrder',
    entry: 'functions/orders/handlers/get-order.ts',
    description: 'GET /orders/{orderId}: the order with its timeline and escrow movements',
    access: { table: 'read' },
  },
  confirmOrder: {
    id: 'confirmOrder',
    entry: 'functions/orders/handlers/confirm-order.ts',
    description: 'POST /orders/{orderId}/confirmation: the supplier confirms (reserving the coverage) or declines',
    access: { table: 'readWrite', workflows: { respond: ['assuredOrder'] } },
  },
  requestShipByExtension: {
    id: 'requestShipByExtension',
    entry: 'functions/orders/handlers/request-ship-by-extension.ts',
    description: 'POST /orders/{orderId}/ship-by-extension: the supplier asks for a later ship-by date',
    access: { table: 'readWrite' },
  },
  answerShipByExtension: {
    id: 'answerShipByExtension',
    entry: 'functions/orders/handlers/answer-ship-by-extension.ts',
    description: "POST /orders/{orderId}/ship-by-extension/acceptance: the buyer answers the supplier's request",
    access: { table: 'readWrite' },
  },
  extendReceiptWindow: {
    id: 'extendReceiptWindow',
    entry: 'functions/orders/handlers/extend-receipt-window.ts',
    description: 'POST /orders/{orderId}/receipt-window-extension: the buyer or supplier adds 15 days, once each',
    access: { table: 'readWrite' },
  },
  confirmOrderReceipt: {
    id: 'confirmOrderReceipt',
    entry: 'functions/orders/handlers/confirm-receipt.ts',
    description: 'POST /orders/{orderId}/receipt: the buyer confirms receipt; the claim window opens',
    access: { table: 'readWrite', workflows: { respond: ['assuredOrder'] } },
  },
  openOrderClaim: {
    id: 'openOrderClaim',
    entry: 'functions/orders/handlers/open-claim.ts',
    description: 'POST /orders/{orderId}/claims: the buyer claims on quality within the claim window',
    access: { table: 'readWrite', workflows: { respond: ['assuredOrder'] } },
  },
  respondToOrderClaim: {
    id: 'respondToOrderClaim',
    entry: 'functions/orders/handlers/respond-to-claim.ts',
    description: 'POST /orders/{orderId}/claims/{claimId}/response: the supplier accepts or rejects a claim',
    access: { table: 'readWrite', workflows: { respond: ['assuredOrder'] } },
  },
  acceptOrderClaimOffer: {
    id: 'acceptOrderClaimOffer',
    entry: 'functions/orders/handlers/accept-claim-offer.ts',
    description: "POST /orders/{orderId}/claims/{claimId}/acceptance: the buyer takes the supplier's offer",
    access: { table: 'readWrite', workflows: { respond: ['assuredOrder'] } },
  },
  escalateOrderClaim: {
    id: 'escalateOrderClaim',
    entry: 'functions/orders/handlers/escalate-claim.ts',
    description: 'POST /orders/{orderId}/claims/{claimId}/escalation: the buyer asks for a platform determination',
    access: { table: 'readWrite', workflows: { respond: ['assuredOrder'] } },
  },
  screenOrderCounterparties: {
    id: 'screenOrderCounterparties',
    entry: 'functions/app/orders/screen-order-counterparties.ts',
    description: 'Assured-order workflow: screens buyer and supplier against the sanctions lists in service',
    access: { table: 'readWrite', screening: 'read' },
    timeoutSeconds: 30,
    memorySize: 1024,
  },
  assuredOrderStep: {
    id: 'assuredOrderStep',
    entry: 'functions/app/orders/run-order-step.ts',
    description: 'Assured-order workflow steps: waits, reviews, cancellation, settlement and payouts, closing',
    access: {
      table: 'readWrite',
      // it starts its own workflow too: an old execution hands the order to a new one (continue-as-new)
      workflows: { start: ['reviewTaskEscalation', 'assuredOrder'], respond: ['assuredOrder'] },
    },
    timeoutSeconds: 30,
  },
  receivePaymentWebhook: {
    id: 'receivePaymentWebhook',
    entry: 'functions/orders/handlers/receive-payment-webhook.ts',
    description: 'POST /webhooks/payments: verifies a signed payment event and records the payment into escrow',
    access: { table: 'readWrite', workflows: { respond: ['assuredOrder'] } },
  },
  receivePayoutWebhook: {
    id: 'receivePayoutWebhook',
    entry: 'functions/orders/handlers/receive-payout-webhook.ts',
    description:
      "POST /webhooks/payouts: the payout provider's signed payout.paid / payout.failed, matched to its instruction",
    access: { table: 'readWrite', workflows: { respond: ['assuredOrder'] } },
  },
  receiveInspectionWebhook: {
    id: 'receiveInspectionWebhook',
    entry: 'functions/orders/handlers/receive-inspection-webhook.ts',
    description:
      "POST /webhooks/inspections: an inspection agency's signed PASSED / FAILED report of a PRE_SHIPMENT order",
    access: { table: 'readWrite', workflows: { respond: ['assuredOrder'] } },
  },
  receiveLogisticsWebhook: {
    id: 'receiveLogisticsWebhook',
    entry: 'functions/orders/handlers/receive-logistics-webhook.ts',
    description: 'POST /webhooks/logistics: verifies a signed shipment event and records it on the order',
    access: { table: 'readWrite', workflows: { respond: ['assuredOrder'] } },
  },
  overrideTradeAssurance: {
    id: 'overrideTradeAssurance',
    entry: 'functions/app/suppliers/override-trade-assurance.ts',
    description:
      "PUT /admin/suppliers/{supplierId}/trade-assurance: proposes setting or removing an admin's override (four eyes)",
    access: { table: 'readWrite', workflows: { start: ['reviewTaskEscalation'] } },
  },
  checkLedgerInvariants: {
    id: 'checkLedgerInvariants',
    entry: 'functions/orders/handlers/check-ledger-invariants.ts',
    description: "GET /admin/ledger/invariants: proves the escrow ledger of a party's or the named orders",
    access: { table: 'read' },
    // up to 100 orders, a Query and a GetItem each, 8 at a time
    timeoutSeconds: 30,
  },
  recomputeTradeAssuranceSchedule: {
    id: 'recomputeTradeAssuranceSchedule',
    entry: 'functions/suppliers/handlers/recompute-all-trade-assurance.ts',
    description: 'Daily: recomputes the Trade Assurance qualification and amount of every supplier with an account',
    access: { table: 'readWrite' },
    timeoutSeconds: 900,
  },
  backfillPartyFacts: {
    id: 'backfillPartyFacts',
    entry: 'functions/kyc/handlers/backfill-party-facts.ts',
    description: 'Migration after each deploy: records country, name and type of parties approved before approvals did',
    access: { table: 'readWrite' },
    timeoutSeconds: 900,
  },
  getOpenApiDocument: {
    id: 'getOpenApiDocument',
    entry: 'functions/api/handlers/get-openapi-document.ts',
    description: 'GET /openapi.json: the API contract',
    access: {},
  },
  createWebhookEndpoint: {
    id: 'createWebhookEndpoint',
    entry: 'functions/events/handlers/create-webhook-endpoint.ts',
    description: 'POST /webhook-endpoints: subscribes an endpoint to outbound events, with a new whsec_ secret',
    access: { table: 'readWrite' },
  },
  listWebhookEndpoints: {
    id: 'listWebhookEndpoints',
    entry: 'functions/events/handlers/list-webhook-endpoints.ts',
    description: 'GET /webhook-endpoints: the subscribed endpoints, without secrets',
    access: { table: 'read' },
  },
  getWebhookEndpoint: {
    id: 'getWebhookEndpoint',
    entry: 'functions/events/handlers/get-webhook-endpoint.ts',
    description: 'GET /webhook-endpoints/{endpointId}: one endpoint, without secrets',
    access: { table: 'read' },
  },
  updateWebhookEndpoint: {
    id: 'updateWebhookEndpoint',
    entry: 'functions/events/handlers/update-webhook-endpoint.ts',
    description: 'PATCH /webhook-endpoints/{endpointId}: URL, event types, description, disabled',
    access: { table: 'readWrite' },
  },
  rotateWebhookEndpointSecret: {
    id: 'rotateWebhookEndpointSecret',
    entry: 'functions/events/handlers/rotate-webhook-endpoint-secret.ts',
    description: 'POST /webhook-endpoints/{endpointId}/secret/rotate: a new secret; the old one signs 24 h more',
    access: { table: 'readWrite' },
  },
  listWebhookDeliveries: {
    id: 'listWebhookDeliveries',
    entry: 'functions/events/handlers/list-webhook-deliveries.ts',
    description: 'GET /webhook-endpoints/{endpointId}/deliveries: the deliveries log, newest first',
    access: { table: 'read' },
  },
  retryWebhookDelivery: {
    id: 'retryWebhookDelivery',
    entry: 'functions/events/handlers/retry-webhook-delivery.ts',
    description: 'POST /webhook-endpoints/{endpointId}/deliveries/{deliveryId}/retry: one attempt now, by hand',
    access: { table: 'readWrite' },
    // one attempt waits up to 15 s for the receiver
    timeoutSeconds: 30,
  },
  dispatchAnnouncedEvents: {
    id: 'dispatchAnnouncedEvents',
    entry: 'functions/app/events/dispatch-announced-events.ts',
    description: 'Table stream: hands new outbox events to the webhook endpoints and makes the first attempts',
    access: { table: 'readWrite' },
    timeoutSeconds: 120,
  },
  sweepWebhookDeliveries: {
    id: 'sweepWebhookDeliveries',
    entry: 'functions/app/events/sweep-webhook-deliveries.ts',
    description: 'Every minute: fans out what the stream missed and attempts the webhook deliveries that are due',
    access: { table: 'readWrite' },
    timeoutSeconds: 300,
  },
  getAsyncApiDocument: {
    id: 'getAsyncApiDocument',
    entry: 'functions/api/handlers/get-asyncapi-document.ts',
    description: 'GET /asyncapi.json: the catalogue of outbound events (AsyncAPI 3.0)',
    access: {},
  },
  searchScreening: {
    id: 'searchScreening',
    entry: 'functions/screening/handlers/search-screening.ts',
    description: 'POST /screening/search: ad hoc sanctions search with explanations',
    access: { screening: 'read' },
    // The index is built in memory at cold start; more memory is also more CPU for that build.
    timeoutSeconds: 30,
    memorySize: 1024,
  },
  monitorListChanges: {
    id: 'monitorListChanges',
    entry: 'functions/app/screening/monitor-list-changes.ts',
    description:
      'Hourly: screens the entries the lists added or changed against the monitored names, or starts a full re-screen',
    access: {
      table: 'readWrite',
      screening: 'read',
      monitoring: 'readWrite',
      workflows: { start: ['monitoringRescreen', 'reviewTaskEscalation'] },
    },
    timeoutSeconds: 900,
    memorySize: 3008,
  },
  backfillMonitoredNames: {
    id: 'backfillMonitoredNames',
    entry: 'functions/app/screening/backfill-monitored-names.ts',
    description: 'Migration after each deploy: every party on file gets its entry in the monitored-name index',
    access: { table: 'readWrite' },
    timeoutSeconds: 900,
  },
  startMonitoringRescreen: {
    id: 'startMonitoringRescreen',
    entry: 'functions/app/screening/start-rescreen.ts',
    description: 'POST /admin/monitoring/rescreen: starts a full re-screen of every monitored name',
    access: { table: 'readWrite', workflows: { start: ['monitoringRescreen'] } },
  },
  exportMonitoredNames: {
    id: 'exportMonitoredNames',
    entry: 'functions/app/screening/export-monitored-names.ts',
    description: 'Re-screen step 1: writes every monitored name to S3 shards, the Distributed Map items',
    access: { table: 'read', screening: 'read', monitoring: 'readWrite' },
    timeoutSeconds: 900,
    memorySize: 1024,
  },
  screenMonitoredShards: {
    id: 'screenMonitoredShards',
    entry: 'functions/app/screening/screen-monitored-shards.ts',
    description: 'Re-screen step 2, a Distributed Map child: screens a batch of name shards and raises alerts',
    access: {
      table: 'readWrite',
      screening: 'read',
      monitoring: 'read',
      workflows: { start: ['reviewTaskEscalation'] },
    },
    timeoutSeconds: 300,
    memorySize: 2048,
  },
  completeMonitoringRescreen: {
    id: 'completeMonitoringRescreen',
    entry: 'functions/app/screening/complete-rescreen.ts',
    description: 'Re-screen step 3: adds up the results and records the lists as screened with this matcher',
    access: { monitoring: 'readWrite' },
    timeoutSeconds: 300,
  },
  runPeriodicReviews: {
    id: 'runPeriodicReviews',
    entry: 'functions/kyc/handlers/run-periodic-reviews.ts',
    description: 'Daily: opens the refresh cases of periodic reviews that fell due, lapses those not submitted in time',
    access: { table: 'readWrite' },
    timeoutSeconds: 900,
  },
  refreshScreeningLists: {
    id: 'refreshScreeningLists',
    entry: 'functions/screening/handlers/refresh-screening-lists.ts',
    description: 'Daily: downloads the sanctions lists and publishes a new screening index artifact',
    access: { screening: 'publish' },
    timeoutSeconds: 300,
    memorySize: 2048,
  },
} as const satisfies Record<string, FunctionDefinition>;

/** Id of a function in {@link functionCatalog}. */
export type FunctionId = keyof typeof functionCatalog;

/** The catalogue as a list. */
export function listFunctions(): FunctionDefinition[] {
  return Object.values(functionCatalog);
}

import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import { documentUploadResponseSchema, requestDocumentUploadSchema } from '../kyc/models/document';
import {
  answerQuestionsRequestSchema,
  withdrawCaseRequestSchema,
  caseQuestionViewSchema,
  caseViewSchema,
  partyCaseViewSchema,
  createCaseRequestSchema,
  createCaseResponseSchema,
  submitCaseResponseSchema,
} from '../kyc/models/kyc-case';
import {
  reviewApprovalRequestSchema,
  reviewDecisionRequestSchema,
  reviewQueueQuerySchema,
  reviewQueueSchema,
  reviewTaskViewSchema,
} from '../kernel/review/review-task';
import { screeningSearchRequestSchema, screeningSearchResponseSchema } from '../screening/models/screening-search';
import {
  createOrderRequestSchema,
  createOrderResponseSchema,
  orderViewSchema,
  partyOrderViewSchema,
} from '../orders/models/order';
import { orderConfirmationRequestSchema, orderConfirmationViewSchema } from '../orders/usecases/confirm-order';
import {
  receiptWindowViewSchema,
  shipByExtensionAnswerSchema,
  shipByExtensionRequestSchema,
  shipByExtensionViewSchema,
} from '../orders/usecases/order-extensions';
import { claimResponseRequestSchema, claimViewSchema, openClaimRequestSchema } from '../orders/models/order-claim';
import { kycStandingViewSchema } from '../parties/models/kyc-standing-view';
import { complianceReportListSchema, complianceReportQuerySchema } from '../orders/models/compliance-report';
import {
  createWebhookEndpointSchema,
  updateWebhookEndpointSchema,
  webhookEndpointListSchema,
  webhookEndpointViewSchema,
  webhookEndpointWithSecretSchema,
} from '../events/models/webhook-endpoint';
import {
  listDeliveriesQuerySchema,
  webhookDeliveryListSchema,
  webhookDeliveryViewSchema,
} from '../events/models/webhook-delivery';
import { supplierProfileSchema } from '../suppliers/models/supplier-profile';
import { rescreenRequestSchema, rescreenStartedSchema } from '../screening/models/rescreen-request';
import { tradeAssuranceOverrideSchema } from '../suppliers/usecases/override-trade-assurance';
import { ledgerInvariantsQuerySchema, ledgerInvariantsReportSchema } from '../orders/usecases/check-ledger-invariants';
import {
  inspectionWebhookEventSchema,
  logisticsWebhookEventSchema,
  paymentWebhookEventSchema,
  payoutWebhookEventSchema,
} from '../orders/webhooks/webhook-events';
import { routeTable, toRouteKey, type RouteDefinition } from '../commons/http/route-table';

/** What the route table does not say about a route: its summary, request and success responses. */
type RouteDocumentation = Omit<RouteConfig, 'method' | 'path' | 'security'> & { problems: number[] };

const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

const caseIdParams = z.object({ caseId: z.string().meta({ description: 'Opaque case id', example: 'kyc_3f2c9a…' }) });
const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .meta({ description: 'Repeat a request safely: the same key and body return the first response' }),
});

const taskIdParams = z.object({ taskId: z.string().meta({ description: 'Opaque review task id' }) });

const endpointIdParams = z.object({ endpointId: z.string().meta({ description: 'Webhook endpoint id' }) });

const supplierIdParams = z.object({ supplierId: z.string().meta({ description: 'Party id of the supplier' }) });

const enrolmentSchema = z
  .object({
    supplierId: z.string(),
    enrolled: z.boolean(),
    enrolledAt: z.string().optional(),
    leftAt: z.string().optional(),
  })
  .meta({ id: 'TradeAssuranceEnrolment' });

const reviewDecisionResponseSchema = z
  .object({ taskId: z.string(), status: z.literal('DECIDED'), decision: z.record(z.string(), z.unknown()) })
  .meta({ id: 'ReviewDecisionRecorded' });

const reviewProposalResponseSchema = z
  .object({ taskId: z.string(), status: z.literal('PENDING_APPROVAL'), proposal: z.record(z.string(), z.unknown()) })
  .meta({ id: 'ReviewDecisionProposed' });

const reviewReopenedResponseSchema = z
  .object({ taskId: z.string(), status: z.literal('OPEN'), rejectedProposalId: z.string() })
  .meta({ id: 'ReviewProposalRejected' });

const webhookHeaderSchema = z.object({
  'trustflow-partner': z.string().meta({ description: 'Your partner id' }),
  'trustflow-signature': z.string().meta({
    description: 't=<unix seconds>,v1=<hex HMAC-SHA256 of "t.rawBody">; several v1 values allowed while rotating',
    example: 't=1767225600,v1=7da059a4006de4daef8dea202e58603d505d257754e9e899f18a17a69ae5507b',
  }),
});

const webhookAnswerSchema = z
  .object({
    status: z.enum(['ACCEPTED', 'DUPLICATE', 'OVERPAYMENT']),
    eventId: z.string(),
    detail: z.string().optional(),
  })
  .meta({ id: 'WebhookAnswer' });

const webhookDescription = [
  'Signed by the partner with HMAC-SHA256 over `t.rawBody` (see functions/orders/webhooks/README.md); no JWT.',
  'A refused signature is 401 with `reason` (MISSING_HEADER, MALFORMED_SIGNATURE, UNKNOWN_PARTNER,',
  'STALE_TIMESTAMP, FUTURE_TIMESTAMP, BAD_SIGNATURE, WRONG_ROUTE_FOR_PARTNER) and changes nothing.',
  'Events are deduplicated on (partner, eventId): a repeat answers 200 DUPLICATE.',
  'An unknown order is 404 (`code: UNKNOWN_ORDER`) and the event is stored for inspection.',
].join(' ');

const orderIdParams = z.object({ orderId: z.string().meta({ description: 'Opaque order id' }) });
const claimParams = orderIdParams.extend({ claimId: z.string().meta({ description: 'Opaque claim id' }) });

const receiptViewSchema = z
  .object({
    orderId: z.string(),
    status: z.string(),
    confirmedAt: z.string(),
    by: z.enum(['BUYER', 'AUTOMATIC']),
    claimWindowEndsAt: z.string(),
  })
  .meta({ id: 'Receipt' });

function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** Documentation of every route, keyed by route key. A test keeps it in step with the route table. */
export const routeDocumentation: Record<string, RouteDocumentation> = {
  'POST /kyc/cases': {
    summary: 'Open a KYC/KYB case',
    request: {
      headers: idempotencyHeaders,
      body: { content: { 'application/json': { schema: createCaseRequestSchema } } },
    },
    responses: { 201: json(createCaseResponseSchema, 'The case, awaiting its documents') },
    problems: [400, 401, 403, 409, 413, 415, 422],
  },
  'POST /kyc/cases/{caseId}/documents': {
    summary: 'Register a document and get a presigned POST to upload it',
    request: {
      params: caseIdParams,
      headers: idempotencyHeaders,
      body: { content: { 'application/json': { schema: requestDocumentUploadSchema } } },
    },
    responses: {
      201: json(documentUploadResponseSchema, 'Upload the file with a multipart POST of `fields` then `file` to `url`'),
    },
    problems: [400, 401, 403, 404, 409, 413, 415, 422],
  },
  'GET /kyc/cases/{caseId}': {
    summary: 'Read a case with its documents and timeline',
    request: { params: caseIdParams },
    responses: {
      200: json(
        z.union([caseViewSchema, partyCaseViewSchema]),
        'The case: KycCase (the staff view) for reviewers and admins, KycCasePartyView for the applicant',
      ),
    },
    problems: [400, 401, 403, 404],
  },
  'POST /kyc/cases/{caseId}/submit': {
    summary: 'Submit the case for processing, or resubmit it after a request for information',
    request: { params: caseIdParams },
    responses: {
      202: json(submitCaseResponseSchema, 'The workflow runs (or already ran); read the case for its progress'),
    },
    problems: [400, 401, 403, 404, 409],
  },
  'POST /kyc/cases/{caseId}/upgrade': {
    summary: 'Upgrade an approved STANDARD case to HIGH_VALUE: a new case that asks only for financial statements',
    description: [
      'For orders of USD 50,000 or more, or a 12-month volume over USD 250,000 (data/rules/kyc-step-up.json).',
      'The identity and business documents of the approved case carry over; approving the new case sets the',
      "party's tier to HIGH_VALUE. 409 for a case that is not APPROVED STANDARD, or an upgrade already open.",
    ].join(' '),
    request: { params: caseIdParams },
    responses: { 201: json(createCaseResponseSchema, 'The upgrade case, awaiting the financial statements') },
    problems: [400, 401, 403, 404, 409],
  },
  'POST /kyc/cases/{caseId}/withdrawal': {
    summary: 'Withdraw a case not yet submitted (applicant)',
    description: [
      'A case still AWAITING_DOCUMENTS becomes WITHDRAWN for good and no longer counts against the 3 open cases',
      'a party may have. 409 CASE_NOT_WITHDRAWABLE once it was submitted. Withdrawing again answers the same.',
    ].join(' '),
    request: {
      params: caseIdParams,
      body: { content: { 'application/json': { schema: withdrawCaseRequestSchema } } },
    },
    responses: {
      200: json(
        z.object({ caseId: z.string(), status: z.literal('WITHDRAWN') }).meta({ id: 'KycCaseWithdrawn' }),
        'The case, withdrawn',
      ),
    },
    problems: [400, 401, 403, 404, 409, 413, 415],
  },
  'POST /kyc/cases/{caseId}/answers': {
    summary: "Answer a reviewer's questions while the case is INFO_REQUESTED (applicant)",
    description: [
      'Each question is answered once. Submit the case once every question is answered and every document asked',
      'for is uploaded; a case with answered questions always goes back to a reviewer.',
    ].join(' '),
    request: {
      params: caseIdParams,
      body: { content: { 'application/json': { schema: answerQuestionsRequestSchema } } },
    },
    responses: {
      200: json(
        z
          .object({ caseId: z.string(), questions: z.array(caseQuestionViewSchema), unanswered: z.array(z.string()) })
          .meta({ id: 'KycAnswers' }),
        'Every question of the case, and those still unanswered',
      ),
    },
    problems: [400, 401, 403, 404, 409, 413, 415],
  },
  'GET /review/tasks': {
    summary: 'The review queue, earliest due first',
    request: { query: reviewQueueQuerySchema },
    responses: { 200: json(reviewQueueSchema, 'One page of tasks; pass nextCursor as cursor for the next') },
    problems: [400, 401, 403],
  },
  'GET /compliance/reports': {
    summary: 'Compliance reports (reviewers, admins): money kept frozen, orders rejected for sanctions; newest first',
    request: { query: complianceReportQuerySchema },
    responses: {
      200: json(complianceReportListSchema, 'One page of reports; pass nextCursor as cursor for the next'),
    },
    problems: [400, 401, 403],
  },
  'GET /review/tasks/{taskId}': {
    summary: 'A review task with its evidence',
    request: { params: taskIdParams },
    responses: { 200: json(reviewTaskViewSchema, 'The task, the decisions open to the reviewer and the evidence') },
    problems: [400, 401, 403, 404],
  },
  'POST /review/tasks/{taskId}/decision': {
    summary: 'Decide a review task; the waiting workflow resumes',
    request: {
      params: taskIdParams,
      body: { content: { 'application/json': { schema: reviewDecisionRequestSchema } } },
    },
    responses: {
      200: json(reviewDecisionResponseSchema, 'The decision as recorded'),
      202: json(
        reviewProposalResponseSchema,
        'A decision data/rules/four-eyes.json names: a proposal waiting for a second reviewer (PENDING_APPROVAL)',
      ),
    },
    problems: [400, 401, 403, 404, 409, 413, 415],
  },
  'POST /review/tasks/{taskId}/approval': {
    summary: 'A second reviewer (a second admin for TRADE_ASSURANCE_OVERRIDE) approves or rejects a four-eyes proposal',
    description: [
      'approve: true makes the proposed decision take effect, with both reviewers recorded; false opens the task',
      'again. 403 SAME_REVIEWER for the proposer, 409 NO_PENDING_PROPOSAL without a proposal, 409 EVIDENCE_CHANGED',
      'when a document or a screening changed since the proposal (the task is then open again).',
    ].join(' '),
    request: {
      params: taskIdParams,
      body: { content: { 'application/json': { schema: reviewApprovalRequestSchema } } },
    },
    responses: {
      200: json(
        z.union([reviewDecisionResponseSchema, reviewReopenedResponseSchema]),
        'The decision, or the task open again',
      ),
    },
    problems: [400, 401, 403, 404, 409, 413, 415],
  },
  'GET /parties/{partyId}/kyc': {
    summary: "A party's KYC standing: NONE, PENDING, APPROVED, REJECTED or SUSPENDED, with its tier",
    description: [
      "The party itself, reviewers and admins. A reviewer's REJECTED or SUSPENDED sticks: a new case of the party",
      'always goes to a reviewer. Staff also see the risk level of the approval and its periodic review date.',
    ].join(' '),
    request: { params: z.object({ partyId: z.string().meta({ description: 'Party id' }) }) },
    responses: { 200: json(kycStandingViewSchema, 'The standing') },
    problems: [400, 401, 403],
  },
  'GET /suppliers/{supplierId}/profile': {
    summary: "A supplier's trust profile: 12-month history, response rate and Trade Assurance amount",
    request: { params: z.object({ supplierId: z.string().meta({ description: 'Party id of the supplier' }) }) },
    responses: { 200: json(supplierProfileSchema, 'The profile, with the reasons it qualifies or not') },
    problems: [400, 401, 403, 404],
  },
  'POST /suppliers/{supplierId}/trade-assurance/enrolment': {
    summary: 'Join Trade Assurance (the supplier itself)',
    description: [
      'Participation is voluntary: only an enrolled supplier can cover an order (409 SUPPLIER_NOT_ENROLLED',
      'otherwise). The supplier must be KYC-approved (409 SUPPLIER_NOT_VERIFIED). Joining again changes nothing.',
    ].join(' '),
    request: { params: supplierIdParams },
    responses: { 200: json(enrolmentSchema, 'The supplier, enrolled') },
    problems: [401, 403, 404, 409],
  },
  'DELETE /suppliers/{supplierId}/trade-assurance/enrolment': {
    summary: 'Leave Trade Assurance (the supplier itself); orders already placed keep their cover',
    request: { params: supplierIdParams },
    responses: { 200: json(enrolmentSchema, 'The supplier, no longer enrolled') },
    problems: [401, 403, 404],
  },
  'POST /orders': {
    summary:
      "Place an assured order with an enrolled, qualified supplier; it awaits the supplier's confirmation (buyer)",
    description: [
      'Screens the order (embargoes, export controls, AML). A compliance HOLD creates it in COMPLIANCE_HOLD;',
      'otherwise it awaits the supplier, who confirms (reserving the covered amount, the deposit or the full order,',
      'against its available Trade Assurance Amount) or declines by `confirmBy`. Nothing is reserved before that.',
      'Refusals carry a `code`: 400 `SHIP_BY_TOO_FAR` (more than 180 days ahead); 422 `OWN_PARTY`, `UNKNOWN_SUPPLIER`,',
      '`SHIP_BY_NOT_IN_FUTURE`, `CURRENCY_MISMATCH`, `COMPLIANCE_BLOCKED` (with `rules: [{ruleId, ruleSetVersion, reason}]`);',
      '409 `BUYER_NOT_VERIFIED`, `SUPPLIER_NOT_VERIFIED`, `SUPPLIER_NOT_ENROLLED`, `SUPPLIER_NOT_QUALIFIED`, `KYC_STEP_UP_REQUIRED`,',
      '`COVERAGE_EXCEEDS_AVAILABLE` (with `requestedCoverage`, `available`, `currency`: the amount is not available now).',
    ].join(' '),
    request: {
      headers: idempotencyHeaders,
      body: { content: { 'application/json': { schema: createOrderRequestSchema } } },
    },
    responses: { 201: json(createOrderResponseSchema, "The order, awaiting the supplier's confirmation or held") },
    problems: [400, 401, 403, 409, 413, 415, 422],
  },
  'GET /orders/{orderId}': {
    summary: 'An order with its timeline and escrow movements (its buyer and supplier, reviewers, admins)',
    request: { params: orderIdParams },
    responses: {
      200: json(
        z.union([orderViewSchema, partyOrderViewSchema]),
        'The order: Order (the staff view) for reviewers and admins, OrderPartyView for its buyer and supplier',
      ),
    },
    problems: [400, 401, 403, 404],
  },
  'POST /orders/{orderId}/confirmation': {
    summary: 'Confirm the order, reserving its coverage, or decline it (the supplier); one answer',
    description: [
      "`{accept: true}` reserves the covered amount on the supplier's Trade Assurance account atomically (409",
      '`COVERAGE_EXCEEDS_AVAILABLE` when it is no longer there, `SUPPLIER_NOT_ENROLLED` after leaving); the order then',
      'awaits payment until `payBy`. `{accept: false, reason}` declines it (`DECLINED`). The same answer again returns it;',
      'another answer is 409 `ORDER_ALREADY_ANSWERED`. 409 `ORDER_NOT_CONFIRMABLE` while the order is still being',
      'checked (`retryable: true`), held, after `confirmBy`, or closed. A payment before the confirmation is refused.',
    ].join(' '),
    request: {
      params: orderIdParams,
      body: { content: { 'application/json': { schema: orderConfirmationRequestSchema } } },
    },
    responses: { 200: json(orderConfirmationViewSchema, "The supplier's answer, with `payBy` once confirmed") },
    problems: [400, 401, 403, 404, 409, 413, 415],
  },
  'POST /orders/{orderId}/ship-by-extension': {
    summary: 'Ask for a later ship-by date (the supplier), before shipping; the buyer answers',
    description: [
      'One request at a time (409 `EXTENSION_PENDING`; the same date again returns it). All extensions together may',
      'add at most 90 days to the first ship-by date (422 `SHIP_BY_EXTENSION_TOO_LONG`, with `latestShipBy`);',
      '`newShipBy` must be later than the date in force (422 `SHIP_BY_NOT_LATER`). 409 `NOT_EXTENDABLE` once the',
      'goods shipped, the date passed or the order is settled.',
    ].join(' '),
    request: {
      params: orderIdParams,
      body: { content: { 'application/json': { schema: shipByExtensionRequestSchema } } },
    },
    responses: { 200: json(shipByExtensionViewSchema, 'The ship-by date in force and the request awaiting the buyer') },
    problems: [400, 401, 403, 404, 409, 413, 415, 422],
  },
  'POST /orders/{orderId}/ship-by-extension/acceptance': {
    summary: "Accept or refuse the supplier's ship-by extension (the buyer)",
    description:
      '`{accept: true}` moves `shipBy`; the workflow then waits for the new date. 409 `NO_EXTENSION_REQUESTED` ' +
      'without a request, `NOT_EXTENDABLE` once the goods shipped or the date passed.',
    request: {
      params: orderIdParams,
      body: { content: { 'application/json': { schema: shipByExtensionAnswerSchema } } },
    },
    responses: { 200: json(shipByExtensionViewSchema, 'The ship-by date in force, with the answer in `history`') },
    problems: [400, 401, 403, 404, 409, 413, 415],
  },
  'POST /orders/{orderId}/receipt-window-extension': {
    summary: 'Give the buyer 15 more days to confirm receipt (the buyer or the supplier, once each)',
    description:
      'After shipment and before receipt; an extension before the delivery counts from it. 409 ' +
      '`RECEIPT_WINDOW_ALREADY_EXTENDED` for a party that extended it already, `NOT_EXTENDABLE` outside that time.',
    request: { params: orderIdParams },
    responses: { 200: json(receiptWindowViewSchema, 'The end of the receipt window and the extensions') },
    problems: [400, 401, 403, 404, 409],
  },
  'POST /orders/{orderId}/receipt': {
    summary: 'Confirm receipt of the goods (buyer); the 30-day claim window opens',
    description:
      "Allowed once the order has shipped, with or without the carrier's DELIVERED; confirming again returns the " +
      'receipt. 409 `NOT_RECEIVABLE` before shipment or once the order is closed.',
    request: { params: orderIdParams },
    responses: { 200: json(receiptViewSchema, 'The receipt, with the end of the claim window') },
    problems: [400, 401, 403, 404, 409],
  },
  'POST /orders/{orderId}/claims': {
    summary: 'Claim a refund (buyer); one claim per order',
    description: [
      'QUALITY and NOT_AS_DESCRIBED within 30 days of receipt; NOT_RECEIVED after shipment, before receipt.',
      '`requestedAmount` is at most the covered amount (422 `CLAIM_EXCEEDS_COVERAGE`). 409 `NOT_CLAIMABLE` when',
      'the order is not at that stage, `CLAIM_WINDOW_CLOSED` after the window, `CLAIM_EXISTS` for a second claim.',
      'The supplier has 3 days to answer; the buyer may escalate from day 4; the claim escalates by itself on day 8.',
    ].join(' '),
    request: {
      params: orderIdParams,
      headers: idempotencyHeaders,
      body: { content: { 'application/json': { schema: openClaimRequestSchema } } },
    },
    responses: { 201: json(claimViewSchema, 'The claim, with its response and escalation times') },
    problems: [400, 401, 403, 404, 409, 413, 415, 422],
  },
  'POST /orders/{orderId}/claims/{claimId}/response': {
    summary: "Answer the buyer's claim (supplier): accept it, offer less, or reject it; one answer",
    description:
      '`accept: true` refunds the requested amount and releases the rest of escrow to the supplier. ' +
      '`accept: false` with `offerAmount` (below the request, else 422 `OFFER_NOT_BELOW_REQUEST`) offers a smaller ' +
      'refund the buyer may accept; without it the claim is rejected. 409 `CLAIM_NOT_OPEN` once answered or escalated.',
    request: {
      params: claimParams,
      body: { content: { 'application/json': { schema: claimResponseRequestSchema } } },
    },
    responses: { 200: json(claimViewSchema, 'The claim as answered') },
    problems: [400, 401, 403, 404, 409, 413, 415, 422],
  },
  'POST /orders/{orderId}/claims/{claimId}/acceptance': {
    summary: "Take the supplier's offer (buyer); the offered refund is paid and the rest released",
    description: '409 `NO_OFFER` when the supplier has made no offer, or the claim was settled or escalated.',
    request: { params: claimParams },
    responses: { 200: json(claimViewSchema, 'The claim, agreed') },
    problems: [400, 401, 403, 404, 409],
  },
  'POST /orders/{orderId}/claims/{claimId}/escalation': {
    summary: 'Hand the claim to a platform determination (buyer), from day 4',
    description:
      "409 `ESCALATION_TOO_EARLY` (with `escalatableFrom`) during the supplier's 3 days, `CLAIM_NOT_ESCALATABLE` " +
      'once accepted or escalated. A reviewer then decides REFUND (an amount) or RELEASE.',
    request: { params: claimParams },
    responses: { 200: json(claimViewSchema, 'The claim, escalated') },
    problems: [400, 401, 403, 404, 409],
  },
  'PUT /admin/suppliers/{supplierId}/trade-assurance': {
    summary: "Propose setting or removing an admin's override of a supplier's Trade Assurance amount (four eyes)",
    description: [
      'The override is a SET (limit) or REMOVE (null) decision on a TRADE_ASSURANCE_OVERRIDE review task about the',
      'supplier. It waits (202 PENDING_APPROVAL) until a second admin approves it with',
      'POST /review/tasks/{taskId}/approval; the amount then changes at once, audited with both admins. Send an',
      'Idempotency-Key to retry safely.',
    ].join(' '),
    request: {
      params: z.object({ supplierId: z.string().meta({ description: 'Party id of the supplier' }) }),
      body: { content: { 'application/json': { schema: tradeAssuranceOverrideSchema } } },
    },
    responses: {
      200: json(reviewDecisionResponseSchema, 'Taken at once: the four-eyes policy does not name it'),
      202: json(reviewProposalResponseSchema, 'The proposal, waiting for a second admin (PENDING_APPROVAL)'),
    },
    problems: [400, 401, 403, 404, 409, 413, 415],
  },
  'POST /admin/monitoring/rescreen': {
    summary: 'Start a full re-screen of every monitored name against the lists in service (admin)',
    description: [
      "Ongoing monitoring screens each list refresh's added and changed entries on its own; this re-screens every",
      'monitored party, director and UBO, as a Step Functions Distributed Map over S3 shards of the names. Alerts',
      'open as it goes (SCREENING_ALERT review tasks, one per party and listed entity; a remembered false positive',
      'does not alert again). The body is optional. Send an Idempotency-Key to retry safely.',
    ].join(' '),
    request: { body: { content: { 'application/json': { schema: rescreenRequestSchema } }, required: false } },
    responses: { 202: json(rescreenStartedSchema, 'The re-screen started') },
    problems: [400, 401, 403, 413, 415],
  },
  'GET /admin/ledger/invariants': {
    summary: "Prove the escrow ledger of a party's newest orders, or of named orders (admin)",
    request: { query: ledgerInvariantsQuerySchema },
    responses: {
      200: json(
        ledgerInvariantsReportSchema,
        'The verdict (ok, or the broken rules per order) and escrow per currency',
      ),
    },
    problems: [400, 401, 403],
  },
  'POST /screening/search': {
    summary: 'Search the sanctions lists for a name, with explained hits (reviewer, admin)',
    request: { body: { content: { 'application/json': { schema: screeningSearchRequestSchema } } } },
    responses: {
      200: json(
        screeningSearchResponseSchema,
        'Hits sorted by score, at or over the threshold unless includeBelowThreshold is set',
      ),
    },
    problems: [400, 401, 403, 413, 415],
  },
  'POST /webhooks/payments': {
    summary: "Payment partner: the buyer's payment of an order went through",
    description: [
      webhookDescription,
      "The payment must be the order's `totalAmount` in its `currency`; anything else is 422",
      '(`code: AMOUNT_MISMATCH`), flagged and put on the order timeline. An accepted payment moves the money',
      'buyer → escrow once per order; a repeat of its eventId is DUPLICATE. A second payment under another eventId',
      'of an order already paid (a buyer charged twice) answers 200 OVERPAYMENT: the money is taken into escrow as',
      'an OVERPAYMENT, apart from the order, flagged for staff, and refunded to the buyer through the payout',
      'provider exactly once (announced by `order.overpaid`, then `payout.paid`). A payment before the supplier confirmed the',
      'order, during a hold or after a cancellation is 409 `ORDER_NOT_PAYABLE` and moves nothing. A payments partner',
      'may not confirm payouts: `payout.paid` / `payout.failed` here are 403 `PAYOUT_CONFIRMATION_NOT_ALLOWED`.',
    ].join(' '),
    request: {
      headers: webhookHeaderSchema,
      body: { content: { 'application/json': { schema: paymentWebhookEventSchema } } },
    },
    responses: {
      200: json(webhookAnswerSchema, 'ACCEPTED; DUPLICATE when the event was seen; OVERPAYMENT for a second payment'),
    },
    problems: [400, 401, 403, 404, 409, 413, 422],
  },
  'POST /webhooks/inspections': {
    summary: 'Inspection agency: a pre-shipment inspection of a PRE_SHIPMENT order PASSED or FAILED',
    description: [
      webhookDescription,
      'Only an `inspections` partner may post here. A PASSED report lets the shipment count; after a FAILED one the',
      'buyer may claim QUALITY before shipment, or a later PASSED report lets the order go on. Refused with 409, kept',
      'and flagged: `NOT_PRE_SHIPMENT`, `ORDER_NOT_INSPECTABLE` (unpaid, settled or closed), `INSPECTION_ALREADY_PASSED`,',
      "`REPORT_ALREADY_RECEIVED`, `OCCURRED_AT_OUT_OF_BOUNDS` (before the supplier's confirmation or over 5 minutes ahead),",
      '`TOO_MANY_INSPECTIONS` (20).',
    ].join(' '),
    request: {
      headers: webhookHeaderSchema,
      body: { content: { 'application/json': { schema: inspectionWebhookEventSchema } } },
    },
    responses: { 200: json(webhookAnswerSchema, 'ACCEPTED, or DUPLICATE when the event was seen') },
    problems: [400, 401, 404, 409, 413],
  },
  'POST /webhooks/payouts': {
    summary: 'Payout provider: a payout TrustFlow instructed was paid, or failed',
    description: [
      webhookDescription,
      'Only a `payouts` partner may post here. The event must match the instruction exactly: its orderId,',
      "idempotencyKey, amount and currency, and the provider payoutId recorded from the provider's answer (409",
      '`UNKNOWN_PAYOUT`, `PAYOUT_INSTRUCTION_MISMATCH`, `PAYOUT_ID_MISMATCH`; a contrary status is',
      "`PAYOUT_ALREADY_CONFIRMED`), each stored and flagged. 503 `PAYOUT_NOT_YET_RECORDED` while the provider's",
      'answer is being recorded: send the event again.',
    ].join(' '),
    request: {
      headers: webhookHeaderSchema,
      body: { content: { 'application/json': { schema: payoutWebhookEventSchema } } },
    },
    responses: {
      200: json(webhookAnswerSchema, 'ACCEPTED, or DUPLICATE when the event (or the confirmation) was seen'),
    },
    problems: [400, 401, 404, 409, 413, 503],
  },
  'POST /webhooks/logistics': {
    summary: 'Logistics partner: a shipment milestone (SHIPPED, DELIVERED, EXCEPTION) of an order',
    description: [
      webhookDescription,
      'Every event is kept on the order timeline with its `occurredAt`, in any arrival order; the order',
      '`shipment` holds the furthest state (DELIVERED implies shipped).',
    ].join(' '),
    request: {
      headers: webhookHeaderSchema,
      body: { content: { 'application/json': { schema: logisticsWebhookEventSchema } } },
    },
    responses: { 200: json(webhookAnswerSchema, 'ACCEPTED, or DUPLICATE when the event was seen') },
    problems: [400, 401, 404, 413],
  },
  'POST /webhook-endpoints': {
    summary: 'Subscribe an endpoint to outbound events (admins); the whsec_ secret is shown in this response only',
    request: {
      body: { content: { 'application/json': { schema: createWebhookEndpointSchema } } },
    },
    responses: { 201: json(webhookEndpointWithSecretSchema, 'The endpoint and its signing secret') },
    problems: [400, 401, 403, 409, 413, 415],
  },
  'GET /webhook-endpoints': {
    summary: 'The subscribed endpoints (admins), without secrets',
    responses: { 200: json(webhookEndpointListSchema, 'Every endpoint, oldest first') },
    problems: [401, 403],
  },
  'GET /webhook-endpoints/{endpointId}': {
    summary: 'One endpoint (admins), without secrets',
    request: { params: endpointIdParams },
    responses: { 200: json(webhookEndpointViewSchema, 'The endpoint') },
    problems: [400, 401, 403, 404],
  },
  'PATCH /webhook-endpoints/{endpointId}': {
    summary: 'Change the URL, event types or description, or disable or re-enable an endpoint (admins)',
    request: {
      params: endpointIdParams,
      body: { content: { 'application/json': { schema: updateWebhookEndpointSchema } } },
    },
    responses: { 200: json(webhookEndpointViewSchema, 'The endpoint as changed') },
    problems: [400, 401, 403, 404, 409, 413, 415],
  },
  'POST /webhook-endpoints/{endpointId}/secret/rotate': {
    summary: 'Rotate the signing secret (admins): the old one keeps signing beside the new one for 24 hours',
    request: { params: endpointIdParams },
    responses: { 200: json(webhookEndpointWithSecretSchema, 'The endpoint and its new secret, shown once') },
    problems: [400, 401, 403, 404, 409],
  },
  'GET /webhook-endpoints/{endpointId}/deliveries': {
    summary:
      "An endpoint's deliveries log (admins), newest first: every attempt with its time, HTTP status or error, and " +
      'the next retry',
    request: { params: endpointIdParams, query: listDeliveriesQuerySchema },
    responses: { 200: json(webhookDeliveryListSchema, 'A page of deliveries; `nextCursor` while there are more') },
    problems: [400, 401, 403, 404],
  },
  'POST /webhook-endpoints/{endpointId}/deliveries/{deliveryId}/retry': {
    summary:
      'Retry a delivery by hand (admins): one attempt now, outside the schedule; the answer shows its result. ' +
      'A DELIVERED one is not sent again',
    request: {
      params: endpointIdParams.extend({ deliveryId: z.string().meta({ description: 'Delivery id (`dlv_…`)' }) }),
    },
    responses: { 200: json(webhookDeliveryViewSchema, 'The delivery after the attempt') },
    problems: [400, 401, 403, 404, 409],
  },
  'GET /asyncapi.json': {
    summary: 'The catalogue of outbound events: every type and the JSON Schema of its body, as AsyncAPI 3.0',
    responses: {
      200: {
        description: 'AsyncAPI 3.0 document',
        content: { 'application/json': { schema: z.object({}).passthrough() } },
      },
    },
    problems: [],
  },
  'GET /openapi.json': {
    summary: 'This document',
    responses: {
      200: {
        description: 'OpenAPI 3.1 document',
        content: { 'application/json': { schema: z.object({}).passthrough() } },
      },
    },
    problems: [],
  },
};

function toOpenApiMethod(route: RouteDefinition) {
  return route.method.toLowerCase() as RouteConfig['method'];
}

/** Builds the OpenAPI 3.1 document from the route table and the zod schemas. */
export function buildOpenApiDocument(serverUrl?: string) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  for (const route of routeTable) {
    const key = toRouteKey(route);
    const documentation = routeDocumentation[key];
    if (!documentation) throw new Error(`route ${key} has no documentation`);
    const { problems, responses, ...rest } = documentation;
    registry.registerPath({
      ...rest,
      method: toOpenApiMethod(route),
      path: route.path,
      tags: [route.path.split('/')[1] ?? 'api'],
      description: route.auth === 'jwt' ? `Roles: ${route.roles.join(', ')}` : rest.description,
      security: route.auth === 'jwt' ? [{ bearer: [] }] : [],
      responses: {
        ...responses,
        ...Object.fromEntries(
          problems.map((status) => [
            status,
            { description: 'Problem', content: { 'application/problem+json': { schema: problemSchema } } },
          ]),
        ),
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'TrustFlow API',
      version: '1.0.0',
      description: 'KYC/KYB cases and assured orders. Errors are application/problem+json (RFC 9457).',
    },
    servers: serverUrl ? [{ url: serverUrl }] : [],
  });
}

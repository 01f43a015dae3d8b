import { documentClient } from '../../commons/aws-clients';
import { getConfig } from '../../commons/config';
import { createKycReviewSubject } from '../../kyc/usecases/kyc-review-subject';
import { createOrderReviewSubject } from '../../orders/usecases/order-review-subject';
import { now } from '../../commons/clock';
import { loadTradeAssuranceRules } from '../../suppliers/models/trade-assurance-rules';
import { createTradeAssuranceReviewSubject } from '../../suppliers/usecases/trade-assurance-review-subject';
import type { ResolveReviewSubject } from '../../review/handlers/review-deps';
import { createScreeningAlertSubject } from '../../parties/usecases/screening-alert-subject';
import { holdPartyOrders } from '../../orders/usecases/hold-party-orders';
import { listPartyOpenOrders } from '../../orders/usecases/party-open-orders';

/**
 * The composition root of review: every subject a review task can be about, with what it shows a reviewer
 * and what a decision does to it. Review itself knows none of them (see `.dependency-cruiser.cjs`).
 */
export const resolveReviewSubject: ResolveReviewSubject = (task) => {
  const store = { db: documentClient, tableName: getConfig().tableName };
  switch (task.subject.type) {
    case 'KYC_CASE':
      return createKycReviewSubject(store);
    case 'ORDER':
      return createOrderReviewSubject(store);
    case 'SUPPLIER':
      return createTradeAssuranceReviewSubject({ parties: store, rules: loadTradeAssuranceRules(), now });
    case 'PARTY':
      // a party's screening alert: a confirmed match suspends it and holds its open orders
      return createScreeningAlertSubject({
        parties: store,
        listOpenOrders: (partyId) => listPartyOpenOrders(store, partyId),
        holdPartyOrders: (input) => holdPartyOrders({ orders: store, now }, input),
      });
  }
};

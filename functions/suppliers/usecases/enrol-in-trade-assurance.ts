import type { Principal } from '../../commons/http/principal';
import { conflict, forbidden, notFound } from '../../commons/http/problem';
import { transactWrite } from '../../commons/storage/transact-write';
import { userActor } from '../../commons/timeline-actor';
import { isKycApproved } from '../../kernel/parties/models/kyc-standing';
import {
  findPartyRecord,
  tradeAssuranceKey,
  type PartyStore,
} from '../../kernel/parties/repositories/party-repository';
import { auditEntryPut } from '../repositories/audit-trail';
import { tradeAssuranceIndexKeys } from '../repositories/trade-assurance-index';
import type { TradeAssuranceRules } from '../models/trade-assurance-rules';
import { DEFAULT_TRADE_ASSURANCE_CURRENCY, recomputeTradeAssurance } from './recompute-trade-assurance';

/** What joining or leaving needs. */
export interface EnrolmentDeps {
  parties: PartyStore;
  rules: TradeAssuranceRules;
  now: () => Date;
}

/** The answer of `POST` and `DELETE /suppliers/{supplierId}/trade-assurance/enrolment`. */
export interface Enrolment {
  supplierId: string;
  enrolled: boolean;
  enrolledAt?: string;
  leftAt?: string;
}

/**
 * `POST /suppliers/{supplierId}/trade-assurance/enrolment`: the supplier itself joins Trade Assurance
 * (the seed: "participation is voluntary for suppliers"). Only an enrolled supplier's amount can cover
 * an order. Joining again changes nothing; the step is audited on the supplier's party.
 * @throws ProblemError 403 for anyone but the supplier, 404 without a profile, 409 SUPPLIER_NOT_VERIFIED
 */
export async function enrolInTradeAssurance(
  deps: EnrolmentDeps,
  principal: Principal,
  supplierId: string,
): Promise<Enrolment> {
  const record = await readOwnSupplier(deps, principal, supplierId);
  if (!isKycApproved(record.profile)) {
    throw conflict(`Supplier ${supplierId} is not verified: its KYC must be APPROVED to join Trade Assurance`, {
      code: 'SUPPLIER_NOT_VERIFIED',
    });
  }
  const account = record.tradeAssurance;
  if (account?.enrolled === true) return { supplierId, enrolled: true, enrolledAt: account.enrolledAt };
  const at = deps.now().toISOString();
  const index = tradeAssuranceIndexKeys(supplierId);
  await transactWrite(deps.parties.db, `enrol:${supplierId}:${at}`, {
    TransactItems: [
      {
        Update: {
          TableName: deps.parties.tableName,
          Key: tradeAssuranceKey(supplierId),
          // the index keys and counters too: joining may create the account (trade-assurance-index.ts)
          UpdateExpression:
            'SET enrolled = :true, enrolledAt = :at, currency = if_not_exists(currency, :currency), ' +
            'reserved = if_not_exists(reserved, :zero), gsi1pk = :gsi1pk, gsi1sk = :gsi1sk REMOVE leftAt',
          ExpressionAttributeValues: {
            ':true': true,
            ':at': at,
            ':currency': record.profile?.currency ?? DEFAULT_TRADE_ASSURANCE_CURRENCY,
            ':zero': 0,
            ':gsi1pk': index.gsi1pk,
            ':gsi1sk': index.gsi1sk,
          },
        },
      },
      auditEntryPut(deps.parties, supplierId, {
        at,
        type: 'TRADE_ASSURANCE_ENROLLED',
        actor: userActor(principal),
        detail: {},
      }),
    ],
  });
  // the amount is computed from the supplier's history as soon as it can cover orders
  await recomputeTradeAssurance(deps, supplierId);
  return { supplierId, enrolled: true, enrolledAt: at };
}

/**
 * `DELETE /suppliers/{supplierId}/trade-assurance/enrolment`: the supplier leaves. New orders are refused
 * (409 SUPPLIER_NOT_ENROLLED, checked in the reservation's own transaction); orders already placed keep
 * their cover. Leaving again changes nothing.
 * @throws ProblemError 403 for anyone but the supplier, 404 without a profile
 */
export async function leaveTradeAssurance(
  deps: EnrolmentDeps,
  principal: Principal,
  supplierId: string,
): Promise<Enrolment> {
  const record = await readOwnSupplier(deps, principal, supplierId);
  const account = record.tradeAssurance;
  if (account?.enrolled !== true) return { supplierId, enrolled: false, leftAt: account?.leftAt };
  const at = deps.now().toISOString();
  await transactWrite(deps.parties.db, `leave:${supplierId}:${at}`, {
    TransactItems: [
      {
        Update: {
          TableName: deps.parties.tableName,
          Key: tradeAssuranceKey(supplierId),
          UpdateExpression: 'SET enrolled = :false, leftAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':false': false, ':at': at },
        },
      },
      auditEntryPut(deps.parties, supplierId, {
        at,
        type: 'TRADE_ASSURANCE_LEFT',
        actor: userActor(principal),
        detail: {},
      }),
    ],
  });
  return { supplierId, enrolled: false, leftAt: at };
}

async function readOwnSupplier(deps: EnrolmentDeps, principal: Principal, supplierId: string) {
  if (principal.partyId !== supplierId) {
    throw forbidden('Only the supplier itself joins or leaves Trade Assurance');
  }
  const record = await findPartyRecord(deps.parties, supplierId, deps.now().toISOString());
  if (!record.profile) throw notFound(`There is no supplier ${supplierId}`);
  return record;
}

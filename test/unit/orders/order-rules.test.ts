import type { DomainRefusal } from '../../../functions/commons/domain-refusal';
import { problemOf } from '../../../functions/commons/http/problem';
import type { CreateOrderRequest } from '../../../functions/orders/models/order';
import {
  assessOrderEligibility,
  complianceRefusal,
  coveredAmountOf,
  orderRefusalKind,
  reservationRefusal,
  screenOrder,
  type SupplierStanding,
} from '../../../functions/orders/models/order-rules';
import { orderRequest, orderRulesNow } from '../../support/orders/order-request-fixture';

/** The HTTP status the API answers a refusal with. */
const httpStatus = (refusal: DomainRefusal | undefined) => (refusal ? problemOf(refusal).status : undefined);

const now = orderRulesNow;
const request = orderRequest;
const qualified: SupplierStanding = {
  exists: true,
  kycApproved: true,
  account: { currency: 'USD', reserved: 0, limit: 1_000_000, available: 1_000_000, qualified: true, enrolled: true },
};

function assess(change: Partial<CreateOrderRequest> = {}, supplier: SupplierStanding = qualified) {
  return assessOrderEligibility({ request: { ...request, ...change }, buyerPartyId: 'party_buyer', supplier, now });
}

function screen(
  change: Partial<CreateOrderRequest>,
  countries: { buyerCountry?: string; supplierCountry?: string } = { buyerCountry: 'DE', supplierCountry: 'CN' },
) {
  return screenOrder({
    orderId: 'order_1',
    request: { ...request, ...change },
    createdAt: now.toISOString(),
    ...countries,
    buyerHistory: [],
  });
}

describe('coveredAmountOf', () => {
  it('covers the whole order with FULL and the deposit with DEPOSIT', () => {
    expect(coveredAmountOf(request)).toBe(50_000);
    expect(coveredAmountOf({ ...request, coverage: 'DEPOSIT', depositAmount: 15_000 })).toBe(15_000);
  });
});

describe('assessOrderEligibility', () => {
  it('accepts an order with a verified, qualified supplier in its currency', () => {
    expect(assess()).toBeUndefined();
  });

  it('accepts a ship-by date exactly 180 days ahead, the last one allowed', () => {
    expect(assess({ shipBy: '2027-05-22' })).toBeUndefined();
  });

  it.each<[string, Partial<CreateOrderRequest>, SupplierStanding, string, RegExp]>([
    ["the buyer's own party", { supplierId: 'party_buyer' }, qualified, 'OWN_PARTY', /with itself/],
    [
      'an unknown supplier',
      {},
      { exists: false, kycApproved: false },
      'UNKNOWN_SUPPLIER',
      /no supplier party_supplier/,
    ],
    [
      'a ship-by date of today',
      { shipBy: '2026-11-23' },
      qualified,
      'SHIP_BY_NOT_IN_FUTURE',
      /after today \(2026-11-23/,
    ],
    ['a ship-by date in the past', { shipBy: '2026-01-01' }, qualified, 'SHIP_BY_NOT_IN_FUTURE', /2026-01-01/],
    [
      'a ship-by date more than 180 days ahead',
      { shipBy: '2027-05-23' },
      qualified,
      'SHIP_BY_TOO_FAR',
      /2027-05-23 is more than 180 days ahead; the latest is 2027-05-22/,
    ],
    [
      'a supplier that has not joined Trade Assurance',
      {},
      { ...qualified, account: { ...qualified.account!, enrolled: false } },
      'SUPPLIER_NOT_ENROLLED',
      /does not take part in Trade Assurance/,
    ],
    [
      'a supplier with no Trade Assurance account at all',
      {},
      { exists: true, kycApproved: true },
      'SUPPLIER_NOT_ENROLLED',
      /has not enrolled/,
    ],
    [
      'a supplier whose KYC is not approved',
      {},
      { ...qualified, kycApproved: false },
      'SUPPLIER_NOT_VERIFIED',
      /not verified/,
    ],
    ['another currency', { currency: 'EUR' }, qualified, 'CURRENCY_MISMATCH', /in EUR .* is in USD/],
    [
      'a supplier that does not qualify',
      {},
      {
        ...qualified,
        account: { currency: 'USD', reserved: 0, limit: 0, qualified: false, reasons: ['2 orders'], enrolled: true },
      },
      'SUPPLIER_NOT_QUALIFIED',
      /does not qualify for Trade Assurance: 2 orders/,
    ],
    [
      'a supplier whose amount was never computed',
      {},
      { ...qualified, account: { currency: 'USD', reserved: 0, enrolled: true } },
      'SUPPLIER_NOT_QUALIFIED',
      /does not qualify/,
    ],
  ])('refuses %s', (_name, change, supplier, code, detail) => {
    // Act
    const refusal = assess(change, supplier)!;

    // Assess
    expect(refusal.extensions.code).toBe(code);
    expect(refusal.kind).toBe(orderRefusalKind[code as keyof typeof orderRefusalKind]);
    expect(httpStatus(refusal)).toBe({ CONFLICT: 409, UNPROCESSABLE: 422, INVALID: 400 }[refusal.kind as string]);
    expect(refusal.detail).toMatch(detail);
  });

  it('refuses a buyer whose KYC is not approved before anything else, with 409', () => {
    // Act
    const refusal = assessOrderEligibility({
      request: { ...request, supplierId: 'party_buyer' },
      buyerPartyId: 'party_buyer',
      buyerKycApproved: false,
      supplier: qualified,
      now,
    });

    // Assess
    expect(httpStatus(refusal)).toBe(409);
    expect(refusal?.extensions.code).toBe('BUYER_NOT_VERIFIED');
    expect(refusal?.detail).toMatch(/party_buyer is not verified/);
  });

  it('answers 422 for what the order gets wrong and 409 for the supplier standing', () => {
    expect(httpStatus(assess({ supplierId: 'party_buyer' }))).toBe(422);
    expect(httpStatus(assess({ shipBy: '2026-11-01' }))).toBe(422);
    expect(httpStatus(assess({ currency: 'EUR' }))).toBe(422);
    expect(httpStatus(assess({}, { ...qualified, kycApproved: false }))).toBe(409);
  });
});

describe('reservationRefusal', () => {
  it('explains an exceeded amount with the available figure', () => {
    // Act
    const refusal = reservationRefusal(
      'party_supplier',
      { currency: 'USD', reserved: 900_000, limit: 1_000_000, available: 100_000, qualified: true, enrolled: true },
      150_000,
      'USD',
    );

    // Assess
    expect(httpStatus(refusal)).toBe(409);
    expect(refusal.extensions).toMatchObject({
      code: 'COVERAGE_EXCEEDS_AVAILABLE',
      requestedCoverage: 150_000,
      available: 100_000,
    });
    expect(refusal.detail).toMatch(/coverage of USD 1,500.00 exceeds the USD 1,000.00 of Trade Assurance/);
  });

  it('names a lost qualification or a changed currency instead when that is what failed', () => {
    const base = { currency: 'USD', reserved: 0, limit: 1_000_000, available: 1_000_000, enrolled: true };
    expect(reservationRefusal('s', { ...base, qualified: false }, 1, 'USD').extensions.code).toBe(
      'SUPPLIER_NOT_QUALIFIED',
    );
    expect(reservationRefusal('s', { ...base, qualified: true, enrolled: false }, 1, 'USD').extensions.code).toBe(
      'SUPPLIER_NOT_ENROLLED',
    );
    expect(reservationRefusal('s', { ...base, qualified: true }, 1, 'EUR').extensions.code).toBe('CURRENCY_MISMATCH');
  });
});

describe('screenOrder and complianceRefusal', () => {
  it('passes an ordinary order', () => {
    // Act
    const result = screen({});

    // Assess
    expect(result.decision).toBe('PASS');
    expect(complianceRefusal(result)).toBeUndefined();
  });

  it('blocks an embargoed destination country with the rule id and reason', () => {
    // Act
    const refusal = complianceRefusal(screen({ destinationCountry: 'KP' }));

    // Assess
    expect(httpStatus(refusal)).toBe(422);
    expect(refusal?.extensions.code).toBe('COMPLIANCE_BLOCKED');
    const rules = refusal?.extensions.rules as { ruleId: string; reason: string }[];
    expect(rules.map((rule) => rule.ruleId)).toEqual(expect.arrayContaining([expect.stringMatching(/^embargo\//)]));
    expect(refusal?.detail).toMatch(/Compliance blocks the order: embargo\//);
  });

  it('blocks an embargoed region of the destination (Crimea)', () => {
    const result = screen({ destinationCountry: 'UA', destinationRegion: 'UA-43' });
    expect(result.decision).toBe('BLOCK');
  });

  it('holds an export-controlled HS code (arms) without refusing the order', () => {
    // Act
    const result = screen({ items: [{ description: 'Rifle scopes', hsCode: '930700', quantity: 1, unitPrice: 100 }] });

    // Assess
    expect(result.decision).toBe('HOLD');
    expect(result.outcomes.find((o) => o.action === 'HOLD')?.ruleId).toBe('export-control/arms-and-ammunition');
    expect(complianceRefusal(result)).toBeUndefined();
  });

  it('holds an order whose parties have no recorded country', () => {
    // Act
    const result = screen({}, { buyerCountry: 'DE' });

    // Assess
    expect(result.decision).toBe('HOLD');
    expect(result.outcomes.map((o) => o.ruleId)).toContain('order/supplier-country-unknown');
  });
});

import fc from 'fast-check';
import { problemOf } from '../../../../functions/commons/http/problem';
import type { CreateOrderRequest } from '../../../../functions/orders/models/order';
import {
  assessOrderEligibility,
  orderRefusalKind,
  type SupplierStanding,
} from '../../../../functions/orders/models/order-rules';
import { orderRequest, orderRulesNow } from '../../../support/orders/order-request-fixture';

const now = orderRulesNow;
const request = orderRequest;
const qualified: SupplierStanding = {
  exists: true,
  kycApproved: true,
  standing: 'APPROVED',
  account: { currency: 'USD', reserved: 0, limit: 1_000_000, available: 1_000_000, qualified: true, enrolled: true },
};

function assess(input: {
  change?: Partial<CreateOrderRequest>;
  supplier?: SupplierStanding;
  buyerStanding?: string;
  buyerKycApproved?: boolean;
}) {
  return assessOrderEligibility({
    request: { ...request, ...input.change },
    buyerPartyId: 'party_buyer',
    ...(input.buyerKycApproved !== undefined ? { buyerKycApproved: input.buyerKycApproved } : {}),
    ...(input.buyerStanding !== undefined ? { buyerStanding: input.buyerStanding } : {}),
    supplier: input.supplier ?? qualified,
    now,
  });
}

describe('assessOrderEligibility with a suspended party', () => {
  it('refuses a SUSPENDED buyer with PARTY_SUSPENDED, a 409 naming the buyer', () => {
    // Act
    const refusal = assess({ buyerStanding: 'SUSPENDED' });

    // Assess
    expect(refusal).toBeDefined();
    expect(refusal!.kind).toBe('CONFLICT');
    expect(orderRefusalKind.PARTY_SUSPENDED).toBe('CONFLICT');
    expect(problemOf(refusal!).status).toBe(409);
    expect(refusal!.extensions).toEqual({ code: 'PARTY_SUSPENDED', partyId: 'party_buyer' });
    expect(refusal!.detail).toBe(
      'The buyer party_buyer is suspended: it cannot place orders until the suspension is lifted',
    );
  });

  it('refuses a SUSPENDED supplier with PARTY_SUSPENDED, a 409 naming the supplier and the field', () => {
    // Act
    const refusal = assess({ supplier: { ...qualified, standing: 'SUSPENDED' } });

    // Assess
    expect(refusal).toBeDefined();
    expect(refusal!.kind).toBe('CONFLICT');
    expect(problemOf(refusal!).status).toBe(409);
    expect(refusal!.extensions).toEqual({
      code: 'PARTY_SUSPENDED',
      partyId: 'party_supplier',
      errors: [{ pointer: '/supplierId', detail: 'names a suspended party' }],
    });
    expect(refusal!.detail).toMatch(/^Supplier party_supplier is suspended/);
  });

  it.each<[string, Parameters<typeof assess>[0]]>([
    ['an unverified buyer', { buyerKycApproved: false }],
    ['a ship-by date in the past', { change: { shipBy: '2026-01-01' } }],
    ['a ship-by date too far ahead', { change: { shipBy: '2028-01-01' } }],
    ['an unknown supplier', { supplier: { exists: false, kycApproved: false } }],
    ['an unverified, unenrolled supplier', { supplier: { exists: true, kycApproved: false } }],
    ['another currency', { change: { currency: 'EUR' } }],
  ])('refuses a SUSPENDED buyer as such before %s', (_other, input) => {
    // Prepare: the other check alone refuses the order
    const alone = assess(input);
    expect(alone?.extensions.code).not.toBeUndefined();
    expect(alone?.extensions.code).not.toBe('PARTY_SUSPENDED');

    // Act
    const refusal = assess({ ...input, buyerStanding: 'SUSPENDED' });

    // Assess
    expect(refusal?.extensions).toMatchObject({ code: 'PARTY_SUSPENDED', partyId: 'party_buyer' });
  });

  it.each<[string, Parameters<typeof assess>[0]]>([
    ['an unverified buyer', { buyerKycApproved: false }],
    ['a ship-by date of today', { change: { shipBy: '2026-11-23' } }],
    ['an unverified supplier', { supplier: { ...qualified, kycApproved: false } }],
    ['an unenrolled supplier', { supplier: { ...qualified, account: undefined } }],
    ['another currency', { change: { currency: 'EUR' } }],
  ])('refuses a SUSPENDED supplier as such before %s', (_other, input) => {
    // Prepare
    const supplier: SupplierStanding = { ...(input.supplier ?? qualified), standing: 'SUSPENDED' };
    const alone = assess(input);
    expect(alone?.extensions.code).not.toBeUndefined();
    expect(alone?.extensions.code).not.toBe('PARTY_SUSPENDED');

    // Act
    const refusal = assess({ ...input, supplier });

    // Assess
    expect(refusal?.extensions).toMatchObject({ code: 'PARTY_SUSPENDED', partyId: 'party_supplier' });
  });

  it('names the buyer when both parties are suspended', () => {
    // Act
    const refusal = assess({ buyerStanding: 'SUSPENDED', supplier: { ...qualified, standing: 'SUSPENDED' } });

    // Assess
    expect(refusal?.extensions.partyId).toBe('party_buyer');
  });

  it('refuses an order with its own party as OWN_PARTY even when that party, as supplier, is suspended', () => {
    // Act
    const refusal = assess({
      change: { supplierId: 'party_buyer' },
      supplier: { ...qualified, standing: 'SUSPENDED' },
    });

    // Assess
    expect(refusal?.extensions.code).toBe('OWN_PARTY');
  });

  it('accepts an order between an APPROVED buyer and an APPROVED supplier', () => {
    // Act
    const refusal = assess({ buyerStanding: 'APPROVED' });

    // Assess
    expect(refusal).toBeUndefined();
  });

  it('gives an APPROVED buyer or supplier the refusal the other checks give, never PARTY_SUSPENDED', () => {
    // Act
    const unverifiedBuyer = assess({ buyerStanding: 'APPROVED', buyerKycApproved: false });
    const unverifiedSupplier = assess({ buyerStanding: 'APPROVED', supplier: { ...qualified, kycApproved: false } });

    // Assess
    expect(unverifiedBuyer?.extensions.code).toBe('BUYER_NOT_VERIFIED');
    expect(unverifiedSupplier?.extensions.code).toBe('SUPPLIER_NOT_VERIFIED');
  });

  it('refuses as PARTY_SUSPENDED exactly when a party of the order is SUSPENDED (property)', () => {
    // Prepare
    const standing = fc.option(fc.constantFrom('NONE', 'PENDING', 'APPROVED', 'REJECTED', 'SUSPENDED'), {
      nil: undefined,
    });
    const supplierArb = fc.record({
      exists: fc.boolean(),
      kycApproved: fc.boolean(),
      standing,
      account: fc.option(fc.constant(qualified.account!), { nil: undefined }),
    });
    const changeArb = fc.record(
      {
        shipBy: fc.constantFrom('2026-01-01', '2026-11-23', '2026-12-20', '2028-01-01'),
        currency: fc.constantFrom('USD', 'EUR'),
      },
      { requiredKeys: [] },
    );

    fc.assert(
      fc.property(
        standing,
        fc.option(fc.boolean(), { nil: undefined }),
        supplierArb,
        changeArb,
        (buyerStanding, buyerKycApproved, supplier, change) => {
          // Act
          const refusal = assess({ buyerStanding, buyerKycApproved, supplier, change });

          // Assess
          if (buyerStanding === 'SUSPENDED') {
            expect(refusal?.extensions).toMatchObject({ code: 'PARTY_SUSPENDED', partyId: 'party_buyer' });
          } else if (supplier.standing === 'SUSPENDED') {
            expect(refusal?.extensions).toMatchObject({ code: 'PARTY_SUSPENDED', partyId: 'party_supplier' });
          } else {
            expect(refusal?.extensions.code).not.toBe('PARTY_SUSPENDED');
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

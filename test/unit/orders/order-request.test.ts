import { createOrderRequestSchema, orderTotal } from '../../../functions/orders/models/order';

const valid = {
  supplierId: 'party_supplier',
  items: [
    { description: 'Smartphone housings', hsCode: '851779', quantity: 100, unitPrice: 1_250 },
    { description: 'Packaging', hsCode: '48191000', quantity: 2, unitPrice: 5_000 },
  ],
  currency: 'USD',
  coverage: 'FULL',
  shipBy: '2026-12-20',
  destinationCountry: 'DE',
  qualitySpec: 'ABS, black, tolerance 0.1 mm',
};

function issuesOf(body: unknown) {
  const result = createOrderRequestSchema.safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('createOrderRequestSchema', () => {
  it('accepts a full-coverage order and a deposit order below the total', () => {
    // Act
    const full = createOrderRequestSchema.parse(valid);
    const deposit = createOrderRequestSchema.parse({ ...valid, coverage: 'DEPOSIT', depositAmount: 30_000 });

    // Assess
    expect(orderTotal(full.items)).toBe(135_000);
    expect(deposit.depositAmount).toBe(30_000);
  });

  it.each([
    ['a fractional unit price', { items: [{ ...valid.items[0], unitPrice: 12.5 }] }, /items.0.unitPrice: .*integer/],
    ['a zero quantity', { items: [{ ...valid.items[0], quantity: 0 }] }, /items.0.quantity: must be positive/],
    ['a fractional quantity', { items: [{ ...valid.items[0], quantity: 1.5 }] }, /items.0.quantity: must be a whole/],
    ['a 4-digit HS code', { items: [{ ...valid.items[0], hsCode: '8517' }] }, /items.0.hsCode: must be an HS code/],
    ['a dotted HS code', { items: [{ ...valid.items[0], hsCode: '8517.79' }] }, /items.0.hsCode/],
    ['an 11-digit HS code', { items: [{ ...valid.items[0], hsCode: '85177900001' }] }, /items.0.hsCode/],
    ['no items', { items: [] }, /items: must list at least one item/],
    ['a currency that is not ISO 4217', { currency: 'XYZ' }, /currency: must be an ISO 4217/],
    ['a lower-case currency', { currency: 'usd' }, /currency/],
    ['a date-time for shipBy', { shipBy: '2026-12-20T10:00:00Z' }, /shipBy: must be a date/],
    ['an impossible shipBy', { shipBy: '2026-02-30' }, /shipBy/],
    ['an alpha-3 destination', { destinationCountry: 'DEU' }, /destinationCountry: must be an ISO 3166-1/],
    ['an empty quality spec', { qualitySpec: '  ' }, /qualitySpec: must not be empty/],
    ['an unknown coverage', { coverage: 'PARTIAL' }, /coverage/],
    ['an unknown field', { buyerId: 'party_x' }, /Unrecognized key/],
    ['a DEPOSIT order without depositAmount', { coverage: 'DEPOSIT' }, /depositAmount: is required with DEPOSIT/],
    [
      'a deposit equal to the total',
      { coverage: 'DEPOSIT', depositAmount: 135_000 },
      /depositAmount: must be less than the order total 135000/,
    ],
    ['a depositAmount with FULL coverage', { depositAmount: 1_000 }, /depositAmount: is only allowed with DEPOSIT/],
    ['a zero deposit', { coverage: 'DEPOSIT', depositAmount: 0 }, /depositAmount: must be positive/],
    [
      'a total beyond the safe integers',
      { items: [{ ...valid.items[0], quantity: 10_000_000, unitPrice: 2 ** 52 }] },
      /items: the order total is too large/,
    ],
  ])('refuses %s, naming the field', (_name, change, message) => {
    // Act
    const issues = issuesOf({ ...valid, ...change });

    // Assess
    expect(issues.join('\n')).toMatch(message);
  });
});

import {
  loadTradeAssurancePolicy,
  parseTradeAssurancePolicy,
  toWorkflowPolicyInput,
} from '../../../../functions/orders/models/trade-assurance-policy';

/* data/rules/trade-assurance-policy.json: every period of the assured-order workflow, validated. */

describe('the Trade Assurance policy', () => {
  it('ships the periods of DESIGN, "Timers are policy"', () => {
    // Act
    const policy = loadTradeAssurancePolicy();

    // Assess
    expect(policy.periods).toEqual({
      supplierConfirmationDays: 3,
      paymentDays: 7,
      shipByMaxDaysAhead: 180,
      deliveryWaitDays: 60,
      automaticReceiptDays: 14,
      claimWindowDays: 30,
      supplierAnswerDays: 3,
      earliestBuyerEscalationDays: 3,
      automaticEscalationDays: 7,
      reviewRecheckDays: 30,
      payoutsRecheckDays: 7,
      continueWorkflowAfterDays: 180,
    });
    expect(policy.extensions).toEqual({ shipByMaxTotalDays: 90, receiptWindowDays: 15, receiptWindowPerParty: 1 });
  });

  it('gives the workflow its fixed waits in seconds', () => {
    // Act
    const input = toWorkflowPolicyInput(loadTradeAssurancePolicy());

    // Assess
    expect(input).toEqual({
      version: loadTradeAssurancePolicy().version,
      deliveryWaitSeconds: 5_184_000,
      claimWindowSeconds: 2_592_000,
      automaticEscalationSeconds: 604_800,
      reviewRecheckSeconds: 2_592_000,
      payoutsRecheckSeconds: 604_800,
    });
  });

  it('refuses a policy whose longest path of timers outlasts a Step Functions execution (365 days)', () => {
    // Prepare
    const shipped = loadTradeAssurancePolicy();
    const tooLong = { ...shipped, periods: { ...shipped.periods, shipByMaxDaysAhead: 300 } };

    // Act / Assess
    expect(() => parseTradeAssurancePolicy(tooLong)).toThrow(
      /Invalid rules file data\/rules\/trade-assurance-policy.json: periods: .* add up to 460 days/,
    );
  });

  it('refuses a continuation point so late that the timers after delivery outlast the execution', () => {
    // Prepare
    const shipped = loadTradeAssurancePolicy();
    const late = { ...shipped, periods: { ...shipped.periods, continueWorkflowAfterDays: 300 } };

    // Act / Assess: 14 days to the automatic receipt, 2 × 15 of extensions, 30 of claim window, 7 to escalation
    expect(() => parseTradeAssurancePolicy(late)).toThrow(
      /periods.continueWorkflowAfterDays: plus the 81 days of timers after delivery .* must fit in the 365 days/,
    );
    expect(
      parseTradeAssurancePolicy({ ...late, periods: { ...late.periods, continueWorkflowAfterDays: 284 } }),
    ).toBeDefined();
  });

  it('refuses a buyer escalation allowed later than the automatic one, and a period of 0 days', () => {
    // Prepare
    const shipped = loadTradeAssurancePolicy();

    // Act / Assess
    expect(() =>
      parseTradeAssurancePolicy({ ...shipped, periods: { ...shipped.periods, earliestBuyerEscalationDays: 8 } }),
    ).toThrow(/periods.earliestBuyerEscalationDays: must not be later than automaticEscalationDays/);
    expect(() => parseTradeAssurancePolicy({ ...shipped, periods: { ...shipped.periods, paymentDays: 0 } })).toThrow(
      /periods.paymentDays/,
    );
  });
});

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { toWorkflowPolicyInput } from '../../../../functions/orders/models/trade-assurance-policy';
import { continuationName, continueOrderWorkflow } from '../../../../functions/orders/workflow/continue-order-workflow';

const day = 86_400_000;
const startedAt = '2026-01-01T00:00:00.000Z';

/** Deps whose store and workflow must not be touched: a young execution goes on by itself. */
function untouchedDeps(now: Date) {
  const startExecution = jest.fn();
  const send = jest.fn(() => Promise.reject(new Error('the store was read')));
  return {
    deps: {
      orders: { db: { send } as unknown as DynamoDBDocumentClient, tableName: 'trustflow' },
      now: () => now,
      startExecution,
    },
    startExecution,
    send,
  };
}

describe('continueOrderWorkflow', () => {
  it('lets an execution younger than 180 days go on, reading and starting nothing', async () => {
    // Prepare
    const { deps, startExecution, send } = untouchedDeps(new Date(Date.parse(startedAt) + 180 * day - 1));

    // Act
    const result = await continueOrderWorkflow(deps, {
      orderId: 'order_1',
      executionStartedAt: startedAt,
      policy: toWorkflowPolicyInput(),
      delivery: { milestone: 'DELIVERY', by: 'CARRIER' },
    });

    // Assess
    expect(result).toEqual({ continued: false });
    expect(startExecution).not.toHaveBeenCalled();
    expect(send).not.toHaveBeenCalled();
  });

  it('names the continuation after the order, within the 80 characters of an execution name', () => {
    // Act
    const name = continuationName(`order_${'f'.repeat(32)}`);

    // Assess
    expect(name).toBe(`order_${'f'.repeat(32)}-after-delivery`);
    expect(name.length).toBeLessThanOrEqual(80);
    expect(name).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});

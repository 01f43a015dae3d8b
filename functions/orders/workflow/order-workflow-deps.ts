import type { OrderTimelineEvent } from '../models/order';
import type { OrderStore } from '../repositories/order-repository';

/** What every step of the assured-order workflow needs. */
export interface OrderStepDeps {
  orders: OrderStore;
  now: () => Date;
}

/** Completes a waiting task token; GONE when it no longer waits (timed out, used, execution ended). */
export type ResumeWorkflow = (taskToken: string, output: Record<string, unknown>) => Promise<'RESUMED' | 'GONE'>;

/** The actor of everything the workflow itself records. */
export const workflowActor: OrderTimelineEvent['actor'] = { type: 'SYSTEM', id: 'assured-order' };

/**
 * A step found the order in a state it cannot work with: a bug or a lost race, never a caller's
 * mistake. The workflow's catch records it on the order.
 */
export class OrderStateError extends Error {
  override name = 'OrderStateError';
}

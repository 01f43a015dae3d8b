import { now } from '../../commons/clock';
import { resumeWaitingWorkflow } from '../../commons/resume-waiting-workflow';
import { sfnClient } from '../../commons/sfn-client';
import type { OrderActionDeps } from '../usecases/order-party-actions';
import { resolveOrderStore } from './order-store-deps';

/** The buyer's and supplier's actions on an order: the table, the clock, and the workflow to resume. */
export function resolveOrderActionDeps(): OrderActionDeps {
  return {
    orders: resolveOrderStore(),
    now,
    resume: (token, output) => resumeWaitingWorkflow(sfnClient, token, output),
  };
}

import type { EventType, OutboundEvent } from '../../kernel/events/event-catalogue';
import type { InternalSubscriber } from '../../events/usecases/dispatch-webhooks';
import { describeCasePartiesToMonitor } from '../../kyc/usecases/screen-case-parties';
import { findOrderPartyIds } from '../../orders/usecases/party-open-orders';
import { syncMonitoredParty, type SyncMonitoredPartyDeps } from '../../screening/usecases/sync-monitored-party';
import { resolveSyncMonitoredPartyDeps } from '../screening/monitoring-deps';

/** The events after which a party may start or stop being monitored, or its names change. */
export const monitoredNameEvents: EventType[] = [
  'kyc.case.submitted',
  'kyc.case.rejected',
  'kyc.case.expired',
  'party.kyc.changed',
  'order.placed',
  'order.completed',
  'order.cancelled',
  'order.declined',
  'order.refunded',
];

/**
 * Keeps the monitored-name index current from the outbox (DESIGN, "Monitored names"): on AWS the table
 * stream drives the dispatcher that calls it, locally the dispatcher loop; a failure is retried on the
 * delivery schedule like any subscriber's. Each event names a case, a party or an order; every party it
 * concerns is synced from its current state.
 */
export function createMonitoredNamesSubscriber(
  deps: SyncMonitoredPartyDeps = resolveSyncMonitoredPartyDeps(),
): InternalSubscriber {
  const store = deps.parties;
  return {
    subscriberId: 'internal:monitored-names',
    eventTypes: monitoredNameEvents,
    async deliver(event: OutboundEvent) {
      const data = event.data as { caseId?: string; partyId?: string; orderId?: string };
      if (data.caseId) {
        const described = await describeCasePartiesToMonitor(store, data.caseId);
        if (described) await syncMonitoredParty(deps, described.partyId, data.caseId);
        return;
      }
      if (data.partyId) {
        await syncMonitoredParty(deps, data.partyId);
        return;
      }
      if (data.orderId) {
        for (const partyId of await findOrderPartyIds(store, data.orderId)) await syncMonitoredParty(deps, partyId);
      }
    },
  };
}

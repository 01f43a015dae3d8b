import { forEachConcurrently } from '../../commons/for-each-concurrently';
import { isConditionFailure, transactWrite } from '../../commons/storage/transact-write';
import { systemActor } from '../../commons/timeline-actor';
import { draftEvent } from '../../kernel/events/outbox';
import type { PartyStore } from '../../kernel/parties/repositories/party-repository';
import type { FileReviewTask } from '../../kernel/review/review-opening';
import type { MonitoringHit, MonitoringRun, RaisedAlerts } from '../../kernel/screening/monitoring-hit';
import { assessAlertOpening, groupHitsByPartyAndEntity, type ScreeningAlert } from '../models/screening-alert';
import { partyTimelinePut } from '../repositories/party-timeline-repository';
import { findScreeningAlert, screeningAlertPut } from '../repositories/screening-alert-repository';

/** What raising alerts needs. */
export interface RaiseScreeningAlertsDeps {
  parties: PartyStore;
  fileReviewTask: FileReviewTask;
  now: () => Date;
}

/** Who opens an alert's subject: no user; no reviewer is excluded for having opened it. */
export const MONITORING_OPENER = 'system:ongoing-monitoring';

// Alerts opened at once: each is one transaction and one escalation timer.
const ALERT_CONCURRENCY = 8;

/**
 * Opens one SCREENING_ALERT review task per party and listed entity among the hits (DESIGN, "Ongoing
 * monitoring"), with the explanation of every name of the party that resembles the entry and the list
 * version. A pair already open or confirmed, or remembered as a false positive for the same content of the
 * entry, opens nothing. The alert, its task and the party's timeline entry (with `screening.alert.opened`)
 * are one transaction, conditioned on the pair's alert on file: a run retried, or two runs at once, open
 * each alert once.
 */
export async function raiseScreeningAlerts(
  deps: RaiseScreeningAlertsDeps,
  run: MonitoringRun,
  hits: readonly MonitoringHit[],
): Promise<RaisedAlerts> {
  const outcome: RaisedAlerts = { opened: 0, suppressed: 0 };
  await forEachConcurrently(groupHitsByPartyAndEntity(hits), ALERT_CONCURRENCY, async (group) => {
    const opened = await openAlert(deps, run, group);
    if (opened) outcome.opened += 1;
    else outcome.suppressed += 1;
  });
  return outcome;
}

async function openAlert(deps: RaiseScreeningAlertsDeps, run: MonitoringRun, group: MonitoringHit[]): Promise<boolean> {
  const best = group[0]!;
  const { partyId } = best;
  const { entityId } = best.hit;
  const existing = await findScreeningAlert(deps.parties, partyId, entityId);
  if (!assessAlertOpening(existing, best.entryHash).open) return false;
  const filed = await deps.fileReviewTask({
    kind: 'SCREENING_ALERT',
    subject: { type: 'PARTY', id: partyId, partyId, openedBy: MONITORING_OPENER, itemId: entityId },
    reasons: group.map(
      (match) =>
        `LIST_MATCH: ${match.role} "${match.name}" resembles ${entityId} (${match.hit.lists.join(', ')}) ` +
        `at ${match.hit.score.toFixed(2)}`,
    ),
    record: async (task, taskPut) => {
      const alert: ScreeningAlert = {
        partyId,
        entityId,
        entryHash: best.entryHash,
        status: 'OPEN',
        taskId: task.taskId,
        listVersion: run.listVersion,
        source: run.source,
        openedAt: task.createdAt,
        matches: group.map(({ partyRef, role, name, hit }) => ({ partyRef, role, name, hit })),
      };
      const entry = partyTimelinePut(
        deps.parties,
        partyId,
        {
          at: task.createdAt,
          type: 'SCREENING_ALERT_OPENED',
          actor: systemActor,
          detail: { taskId: task.taskId, entityId, listVersion: run.listVersion, source: run.source },
        },
        [
          draftEvent('screening.alert.opened', { taskId: task.taskId, partyId, status: 'OPEN' }),
          draftEvent('review.task.opened', {
            taskId: task.taskId,
            kind: task.kind,
            status: 'OPEN',
            subject: { type: 'PARTY', id: partyId },
          }),
        ],
      );
      try {
        await transactWrite(deps.parties.db, `screening-alert:${partyId}:${entityId}:${best.entryHash}`, {
          TransactItems: [taskPut, screeningAlertPut(deps.parties, alert), entry],
        });
        return true;
      } catch (error) {
        // another run opened it first, or the pair was decided meanwhile: nothing to open
        if (isConditionFailure(error, 1)) return false;
        throw error;
      }
    },
  });
  return filed !== undefined;
}

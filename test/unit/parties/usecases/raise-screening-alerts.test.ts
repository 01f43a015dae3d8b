import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../../../../functions/commons/storage/transact-write';
import { outboxPartition, outboxShardOf } from '../../../../functions/kernel/events/outbox';
import type { StandaloneReviewOpening } from '../../../../functions/kernel/review/review-opening';
import type { ReviewTask } from '../../../../functions/kernel/review/review-task';
import type { MonitoringHit, MonitoringRun } from '../../../../functions/kernel/screening/monitoring-hit';
import type { ScreeningAlert } from '../../../../functions/parties/models/screening-alert';
import {
  MONITORING_OPENER,
  raiseScreeningAlerts,
  type RaiseScreeningAlertsDeps,
} from '../../../../functions/parties/usecases/raise-screening-alerts';

const now = new Date('2026-12-04T10:00:00.000Z');
const run: MonitoringRun = { listVersion: 'ofac-sdn@2026-12+local.1', source: 'DELTA' };

/** A hit of a party's name on a listed entity, at `score`, for an entry of content `entryHash`. */
function monitoringHit(
  partyId: string,
  partyRef: string,
  entityId: string,
  score: number,
  entryHash = `hash-${entityId}`,
): MonitoringHit {
  return {
    partyId,
    partyRef,
    role: partyRef === 'applicant' ? 'COMPANY' : 'DIRECTOR',
    name: `${partyRef} of ${partyId}`,
    entryHash,
    hit: {
      entityId,
      type: 'PERSON',
      name: `Listed ${entityId}`,
      matchedName: `Listed ${entityId}`,
      score,
      lists: ['OFAC-SDN'],
      programs: ['SDGT'],
      explanation: [{ feature: 'NAME', effect: score, detail: 'test' }],
    },
  };
}

/**
 * The parties table: the alerts on file answer the Gets; transactions are recorded, or refused with
 * `refuse` (the cancellation reasons of each item) when given.
 */
function fakeParties(alertsOnFile: Pick<ScreeningAlert, 'partyId' | 'entityId' | 'status' | 'entryHash'>[]) {
  const gets: GetCommand['input'][] = [];
  const transactions: TransactWriteCommandInput[] = [];
  const control: { refuse?: string[] } = {};
  const send = async (command: unknown) => {
    if (command instanceof GetCommand) {
      gets.push(command.input);
      const { pk, sk } = command.input.Key as { pk: string; sk: string };
      const alert = alertsOnFile.find(
        (candidate) => pk === `PARTY#${candidate.partyId}` && sk === `SCREENING_ALERT#${candidate.entityId}`,
      );
      return { Item: alert && { pk, sk, ...alert } };
    }
    if (command instanceof TransactWriteCommand) {
      if (control.refuse) {
        throw new TransactionCanceledException({
          message: 'cancelled',
          $metadata: {},
          CancellationReasons: control.refuse.map((Code) => ({ Code })),
        });
      }
      transactions.push(command.input);
      return {};
    }
    throw new Error('unexpected command');
  };
  const store = { db: { send } as unknown as DynamoDBDocumentClient, tableName: 'table' };
  return { store, gets, transactions, control };
}

/** Review's side: drafts an OPEN task and has the subject record it, as review does. */
function fakeFileReviewTask() {
  const openings: StandaloneReviewOpening[] = [];
  const tasks: { task: ReviewTask; taskPut: TransactItem }[] = [];
  const fileReviewTask = async (opening: StandaloneReviewOpening) => {
    openings.push(opening);
    const task: ReviewTask = {
      taskId: `task_${openings.length}`,
      kind: opening.kind,
      status: 'OPEN',
      subject: opening.subject,
      reasons: opening.reasons,
      createdAt: now.toISOString(),
      dueAt: '2026-12-09T10:00:00.000Z',
      escalated: false,
    };
    const taskPut: TransactItem = {
      Put: {
        TableName: 'tasks',
        Item: { pk: `TASK#${task.taskId}`, sk: 'TASK', ...task },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
    tasks.push({ task, taskPut });
    return (await opening.record(task, taskPut)) ? { taskId: task.taskId } : undefined;
  };
  return { fileReviewTask, openings, tasks };
}

function depsWith(
  parties: ReturnType<typeof fakeParties>,
  review: ReturnType<typeof fakeFileReviewTask>,
): RaiseScreeningAlertsDeps {
  return { parties: parties.store, fileReviewTask: review.fileReviewTask, now: () => now };
}

describe('raiseScreeningAlerts', () => {
  it('opens one SCREENING_ALERT task per party and listed entity, naming every matching name best first', async () => {
    // Prepare
    const parties = fakeParties([]);
    const review = fakeFileReviewTask();
    const hits = [
      monitoringHit('party_a', 'representatives/0', 'ofac:1', 0.75),
      monitoringHit('party_a', 'applicant', 'ofac:1', 0.92),
      monitoringHit('party_a', 'applicant', 'un:2', 0.8),
      monitoringHit('party_b', 'applicant', 'ofac:1', 0.71),
    ];

    // Act
    const outcome = await raiseScreeningAlerts(depsWith(parties, review), run, hits);

    // Assess
    expect(outcome).toEqual({ opened: 3, suppressed: 0 });
    const byPair = new Map(
      review.openings.map((opening) => [`${opening.subject.id}|${opening.subject.itemId}`, opening]),
    );
    expect([...byPair.keys()].sort()).toEqual(['party_a|ofac:1', 'party_a|un:2', 'party_b|ofac:1']);
    expect(byPair.get('party_a|ofac:1')).toMatchObject({
      kind: 'SCREENING_ALERT',
      subject: { type: 'PARTY', id: 'party_a', partyId: 'party_a', openedBy: MONITORING_OPENER, itemId: 'ofac:1' },
      reasons: [
        'LIST_MATCH: COMPANY "applicant of party_a" resembles ofac:1 (OFAC-SDN) at 0.92',
        'LIST_MATCH: DIRECTOR "representatives/0 of party_a" resembles ofac:1 (OFAC-SDN) at 0.75',
      ],
    });
    expect(parties.transactions).toHaveLength(3);
    expect(parties.gets.map((get) => [get.Key, get.ConsistentRead]).sort()).toEqual(
      [
        [{ pk: 'PARTY#party_a', sk: 'SCREENING_ALERT#ofac:1' }, true],
        [{ pk: 'PARTY#party_a', sk: 'SCREENING_ALERT#un:2' }, true],
        [{ pk: 'PARTY#party_b', sk: 'SCREENING_ALERT#ofac:1' }, true],
      ].sort(),
    );
  });

  it('writes the task, the conditioned alert and the party timeline entry with its events in one transaction', async () => {
    // Prepare
    const parties = fakeParties([]);
    const review = fakeFileReviewTask();
    const best = monitoringHit('party_a', 'applicant', 'ofac:1', 0.92, 'hash-v2');
    const other = monitoringHit('party_a', 'representatives/0', 'ofac:1', 0.75, 'hash-v2');

    // Act
    await raiseScreeningAlerts(depsWith(parties, review), run, [other, best]);

    // Assess
    const [{ task, taskPut }] = review.tasks as [(typeof review.tasks)[number]];
    const [transaction] = parties.transactions as [TransactWriteCommandInput];
    expect(transaction.ClientRequestToken).toEqual(expect.any(String));
    const [taskItem, alertItem, timelineItem] = transaction.TransactItems as [TransactItem, TransactItem, TransactItem];
    expect(transaction.TransactItems).toHaveLength(3);
    expect(taskItem).toBe(taskPut);
    expect(alertItem.Put).toEqual({
      TableName: 'table',
      Item: {
        pk: 'PARTY#party_a',
        sk: 'SCREENING_ALERT#ofac:1',
        entity: 'SCREENING_ALERT',
        partyId: 'party_a',
        entityId: 'ofac:1',
        entryHash: 'hash-v2',
        status: 'OPEN',
        taskId: task.taskId,
        listVersion: run.listVersion,
        source: 'DELTA',
        openedAt: task.createdAt,
        matches: [best, other].map(({ partyRef, role, name, hit }) => ({ partyRef, role, name, hit })),
      },
      ConditionExpression: 'attribute_not_exists(pk) OR (#status = :falsePositive AND entryHash <> :hash)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':falsePositive': 'FALSE_POSITIVE', ':hash': 'hash-v2' },
    });
    const timeline = timelineItem.Put!;
    const sk = String(timeline.Item!.sk);
    expect(sk).toMatch(new RegExp(`^TIMELINE#${task.createdAt}#0#`));
    expect(timeline.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(timeline.Item).toEqual({
      pk: 'PARTY#party_a',
      sk,
      entity: 'PARTY_TIMELINE_ENTRY',
      partyId: 'party_a',
      at: task.createdAt,
      type: 'SCREENING_ALERT_OPENED',
      actor: { kind: 'SYSTEM' },
      detail: { taskId: task.taskId, entityId: 'ofac:1', listVersion: run.listVersion, source: 'DELTA' },
      outbound: [
        {
          type: 'screening.alert.opened',
          id: expect.any(String),
          occurredAt: task.createdAt,
          data: { taskId: task.taskId, partyId: 'party_a', status: 'OPEN' },
        },
        {
          type: 'review.task.opened',
          id: expect.any(String),
          occurredAt: task.createdAt,
          data: {
            taskId: task.taskId,
            kind: 'SCREENING_ALERT',
            status: 'OPEN',
            subject: { type: 'PARTY', id: 'party_a' },
          },
        },
      ],
      gsi1pk: outboxPartition(outboxShardOf('party_a')),
      gsi1sk: sk,
    });
  });

  it.each<[string, Pick<ScreeningAlert, 'status' | 'entryHash'>]>([
    ['already OPEN', { status: 'OPEN', entryHash: 'hash-1' }],
    ['a CONFIRMED_MATCH', { status: 'CONFIRMED_MATCH', entryHash: 'hash-0' }],
    ['a FALSE_POSITIVE for the same entry content', { status: 'FALSE_POSITIVE', entryHash: 'hash-1' }],
  ])('opens nothing for a pair whose alert on file is %s', async (_case, onFile) => {
    // Prepare
    const parties = fakeParties([{ partyId: 'party_a', entityId: 'ofac:1', ...onFile }]);
    const review = fakeFileReviewTask();

    // Act
    const outcome = await raiseScreeningAlerts(depsWith(parties, review), run, [
      monitoringHit('party_a', 'applicant', 'ofac:1', 0.9, 'hash-1'),
    ]);

    // Assess
    expect(outcome).toEqual({ opened: 0, suppressed: 1 });
    expect(review.openings).toEqual([]);
    expect(parties.transactions).toEqual([]);
  });

  it('alerts again on a false positive once the entry changed, and counts each pair once', async () => {
    // Prepare
    const parties = fakeParties([
      { partyId: 'party_a', entityId: 'ofac:1', status: 'FALSE_POSITIVE', entryHash: 'hash-old' },
      { partyId: 'party_b', entityId: 'ofac:1', status: 'FALSE_POSITIVE', entryHash: 'hash-new' },
      { partyId: 'party_c', entityId: 'ofac:1', status: 'OPEN', entryHash: 'hash-old' },
    ]);
    const review = fakeFileReviewTask();
    const hits = ['party_a', 'party_b', 'party_c', 'party_d'].flatMap((partyId) => [
      monitoringHit(partyId, 'applicant', 'ofac:1', 0.9, 'hash-new'),
      monitoringHit(partyId, 'representatives/0', 'ofac:1', 0.8, 'hash-new'),
    ]);

    // Act
    const outcome = await raiseScreeningAlerts(depsWith(parties, review), run, hits);

    // Assess
    expect(outcome).toEqual({ opened: 2, suppressed: 2 });
    expect(review.openings.map((opening) => opening.subject.id).sort()).toEqual(['party_a', 'party_d']);
    expect(parties.transactions).toHaveLength(2);
  });

  it('counts as suppressed a pair opened or decided meanwhile: the alert’s condition failed', async () => {
    // Prepare
    const parties = fakeParties([]);
    parties.control.refuse = ['None', 'ConditionalCheckFailed', 'None'];
    const review = fakeFileReviewTask();

    // Act
    const outcome = await raiseScreeningAlerts(depsWith(parties, review), run, [
      monitoringHit('party_a', 'applicant', 'ofac:1', 0.9),
    ]);

    // Assess
    expect(outcome).toEqual({ opened: 0, suppressed: 1 });
    expect(review.openings).toHaveLength(1);
  });

  it('fails when the transaction fails for any other reason', async () => {
    // Prepare
    const parties = fakeParties([]);
    parties.control.refuse = ['ConditionalCheckFailed', 'None', 'None'];
    const review = fakeFileReviewTask();

    // Act
    const raising = raiseScreeningAlerts(depsWith(parties, review), run, [
      monitoringHit('party_a', 'applicant', 'ofac:1', 0.9),
    ]);

    // Assess
    await expect(raising).rejects.toBeInstanceOf(TransactionCanceledException);
  });

  it('does nothing for no hits', async () => {
    // Prepare
    const parties = fakeParties([]);
    const review = fakeFileReviewTask();

    // Act
    const outcome = await raiseScreeningAlerts(depsWith(parties, review), run, []);

    // Assess
    expect(outcome).toEqual({ opened: 0, suppressed: 0 });
    expect(parties.gets).toEqual([]);
    expect(review.openings).toEqual([]);
  });
});

import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { stripKeys } from '../../commons/storage/stored-item';
import type { OrderStore } from './order-repository';

/*
 * Compliance reports live in one partition of the single table, newest last:
 *   COMPLIANCE_REPORTS / REPORT#<createdAt>#<reportId>
 * They are rare (a sanctions rejection, money kept frozen), so one partition serves the staff's list with
 * a Query and no index; the order that caused a report names it, so a retried step never writes a second.
 */

/** Why a report was filed. */
export type ComplianceReportType = 'FROZEN_FUNDS_KEPT' | 'ORDER_REJECTED_FOR_SANCTIONS';

/**
 * A `compliance.report` item (DESIGN, "Held money is frozen, not returned"): what the compliance staff
 * must report to the authorities, with the money that is kept frozen. Staff only.
 */
export interface ComplianceReport {
  reportId: string;
  type: ComplianceReportType;
  status: 'OPEN';
  subject: { type: 'ORDER'; id: string };
  /** The parties of the order, and the standing that froze the money where there was one. */
  parties: { role: 'BUYER' | 'SUPPLIER'; partyId: string; standing?: string }[];
  /** Money kept frozen in escrow, in minor units of `currency` (0 when nothing was paid). */
  frozenAmount: number;
  currency: string;
  /** The findings the decision rests on. */
  reasons: string[];
  /** The review task whose decision filed it. */
  taskId?: string;
  /** The reviewer's internal reason. */
  decisionReason?: string;
  createdAt: string;
}

const partition = 'COMPLIANCE_REPORTS';

/** The id of the report a review task files: one per task, so a retried step cannot file two. */
export function reportIdOf(taskId: string): string {
  return `report_${taskId.replace(/^task_/, '')}`;
}

/** The Put of a new report, for the transaction of the change that files it. */
export function complianceReportPut(store: OrderStore, report: ComplianceReport) {
  return {
    Put: {
      TableName: store.tableName,
      Item: {
        pk: partition,
        sk: `REPORT#${report.createdAt}#${report.reportId}`,
        entity: 'COMPLIANCE_REPORT',
        ...report,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** One page of reports, newest first. */
export async function queryComplianceReports(
  store: OrderStore,
  page: { limit: number; cursor?: Record<string, unknown> },
): Promise<{ reports: ComplianceReport[]; lastKey?: Record<string, unknown> }> {
  const result = await store.db.send(
    new QueryCommand({
      TableName: store.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': partition, ':prefix': 'REPORT#' },
      ScanIndexForward: false,
      Limit: page.limit,
      ...(page.cursor ? { ExclusiveStartKey: page.cursor } : {}),
    }),
  );
  return {
    reports: (result.Items ?? [])
      .map((item) => stripKeys<ComplianceReport & { entity?: string }>(item))
      .map(({ entity: _entity, ...report }) => report),
    ...(result.LastEvaluatedKey ? { lastKey: result.LastEvaluatedKey } : {}),
  };
}

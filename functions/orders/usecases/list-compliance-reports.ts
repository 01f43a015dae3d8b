import type { z } from 'zod';
import { badRequest } from '../../commons/http/problem';
import type { ComplianceReportQuery, complianceReportListSchema } from '../models/compliance-report';
import { queryComplianceReports } from '../repositories/compliance-report-repository';
import type { OrderStore } from '../repositories/order-repository';

/** The list as `GET /compliance/reports` returns it. */
export type ComplianceReportList = z.input<typeof complianceReportListSchema>;

/**
 * Lists the compliance reports, newest first, one page at a time (staff only: the route admits reviewers
 * and admins). One Query of the reports' partition, no Scan.
 */
export async function listComplianceReports(
  deps: { orders: OrderStore },
  query: ComplianceReportQuery,
): Promise<ComplianceReportList> {
  const page = await queryComplianceReports(deps.orders, {
    limit: query.limit,
    ...(query.cursor ? { cursor: decodeCursor(query.cursor) } : {}),
  });
  return {
    reports: page.reports.map(
      ({ entity: _entity, ...report }: (typeof page.reports)[number] & { entity?: string }) => report,
    ),
    ...(page.lastKey ? { nextCursor: Buffer.from(JSON.stringify(page.lastKey)).toString('base64url') } : {}),
  };
}

function decodeCursor(cursor: string): Record<string, unknown> {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    const valid =
      typeof key === 'object' &&
      key !== null &&
      Object.keys(key).sort().join() === 'pk,sk' &&
      (key as Record<string, unknown>).pk === 'COMPLIANCE_REPORTS' &&
      typeof (key as Record<string, unknown>).sk === 'string';
    if (valid) return key as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw badRequest('cursor is not a cursor this API returned', [
    { pointer: '/cursor', detail: 'must be the nextCursor of a previous page' },
  ]);
}

import type { z } from 'zod';
import { decodePageCursor, encodePageCursor } from '../../commons/http/page-cursor';
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
    ...(query.cursor
      ? { cursor: decodePageCursor(query.cursor, ['pk', 'sk'], (key) => key.pk === 'COMPLIANCE_REPORTS') }
      : {}),
  });
  return {
    reports: page.reports,
    ...(page.lastKey ? { nextCursor: encodePageCursor(page.lastKey) } : {}),
  };
}

import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { parseQueryParameters } from '../../commons/http/parse-request';
import { complianceReportQuerySchema } from '../models/compliance-report';
import { listComplianceReports } from '../usecases/list-compliance-reports';
import { resolveOrderStore } from './order-store-deps';

/** `GET /compliance/reports` */
export const handler = createHttpHandler(async (event) => {
  const query = parseQueryParameters(event, complianceReportQuerySchema);
  return jsonResponse(200, await listComplianceReports({ orders: resolveOrderStore() }, query));
});

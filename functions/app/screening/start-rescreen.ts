import { now } from '../../commons/clock';
import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { idempotentOnKey } from '../../commons/http/idempotency';
import { parseJsonBody } from '../../commons/http/parse-request';
import { requirePrincipal } from '../../commons/http/principal';
import { rescreenRequestSchema } from '../../screening/models/rescreen-request';
import { startMonitoringRescreen } from './monitoring-deps';

/**
 * `POST /admin/monitoring/rescreen` (admin): starts a full re-screen of every monitored name against the
 * lists in service, a Distributed Map on AWS and on the local engine; 202 with the execution. Alerts open
 * as the run goes, under the same rules as a refresh's (one per party and entity, false positives
 * remembered).
 */
export const handler = createHttpHandler(
  async (event, principal) => {
    const admin = requirePrincipal(principal);
    // the body is optional: no reason given is a re-screen "on demand"
    const request = event.body ? parseJsonBody(event, rescreenRequestSchema) : {};
    const reason = `${(request as { reason?: string }).reason ?? 'on demand'} (by ${admin.subject})`;
    const started = await startMonitoringRescreen(reason, `rescreen-manual-${now().getTime()}`);
    return jsonResponse(202, { executionArn: started.executionArn, reason });
  },
  { middlewares: [idempotentOnKey('start-monitoring-rescreen')] },
);

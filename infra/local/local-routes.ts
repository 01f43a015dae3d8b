import { jsonResponse as json } from '../../functions/commons/http/http-handler';
import { toProblemResponse } from '../../functions/commons/http/problem';
import type { LocalRouteHandler } from './api-server';
import { advanceClockBy, describeClock } from './clock-store';

/**
 * The local stack's own routes: `GET /_local/health`, and `GET`/`POST /_local/clock` to read and
 * advance the business clock (saved to `clockFile` so it survives restarts). The clock moves once the
 * workflows have settled, so a jump right after an API call acts on the waits that call led to.
 */
export function createLocalRoutes(
  services: Record<string, string>,
  clockFile: string,
  /** Waits for work in flight (a workflow step about to start a wait) before the clock moves. */
  beforeClockMoves: () => Promise<unknown> = async () => undefined,
): LocalRouteHandler {
  return async (method, url, body) => {
    if (!url.pathname.startsWith('/_local/')) return undefined;
    if (url.pathname === '/_local/health' && method === 'GET') {
      return json(200, { status: 'ok', clock: describeClock(), services });
    }
    if (url.pathname === '/_local/clock' && method === 'GET') return json(200, describeClock());
    if (url.pathname === '/_local/clock' && method === 'POST') {
      let advance: unknown;
      try {
        advance = (JSON.parse(body.toString('utf8') || '{}') as { advance?: unknown }).advance;
      } catch (error) {
        return toProblemResponse(
          400,
          `The request body is not valid JSON: ${(error as Error).message}`,
          {},
          url.pathname,
        );
      }
      if (typeof advance !== 'string') {
        return toProblemResponse(
          400,
          'advance: required, an ISO 8601 duration such as "P31D" or "PT6H"',
          {
            errors: [{ pointer: '/advance', detail: 'required ISO 8601 duration' }],
          },
          url.pathname,
        );
      }
      await beforeClockMoves();
      try {
        advanceClockBy(clockFile, advance);
      } catch (error) {
        return toProblemResponse(
          400,
          `advance: ${(error as Error).message}`,
          {
            errors: [{ pointer: '/advance', detail: (error as Error).message }],
          },
          url.pathname,
        );
      }
      return json(200, describeClock());
    }
    return toProblemResponse(404, `No local route ${method} ${url.pathname}`, {}, url.pathname);
  };
}

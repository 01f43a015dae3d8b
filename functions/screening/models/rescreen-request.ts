import * as z from 'zod';
import { textSchema } from '../../commons/validation';

/** Body of `POST /admin/monitoring/rescreen`. */
export const rescreenRequestSchema = z
  .object({
    reason: textSchema(500)
      .optional()
      .meta({ description: 'Why, for the run and its logs; "on demand" when not given' }),
  })
  .strict()
  .meta({ id: 'MonitoringRescreenRequest' });

/** Response of `POST /admin/monitoring/rescreen`. */
export const rescreenStartedSchema = z
  .object({
    executionArn: z
      .string()
      .meta({ description: 'The re-screen workflow execution (DescribeExecution, DescribeMapRun)' }),
    reason: z.string(),
  })
  .meta({ id: 'MonitoringRescreenStarted' });

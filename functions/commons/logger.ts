import { Logger } from '@aws-lambda-powertools/logger';

/** Structured JSON logger shared by every function (service name from POWERTOOLS_SERVICE_NAME). */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'trustflow' });

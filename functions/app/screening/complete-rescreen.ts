/** Step 3 of the re-screen workflow: the totals, and the monitoring state. */
export { completeHandler as handler } from './rescreen-steps';

/** What the KYC use cases need from the case workflow (Step Functions), as an interface they can be tested with. */
export interface CaseWorkflowControl {
  /** Starts the case's workflow; starting one that already runs for the case is a no-op. */
  start(caseId: string): Promise<void>;
  /**
   * Completes the workflow's waiting task with `output`. GONE when the token no longer waits (timed
   * out, or the execution ended): the caller decides what that means.
   */
  resume(taskToken: string, output: Record<string, unknown>): Promise<'RESUMED' | 'GONE'>;
}

import { createEscalateReviewTaskHandler } from '../../review/handlers/escalate-review-task';
import { resolveReviewSubject } from './review-subjects';

/** The Lambda entry: the review handler, with every subject wired in. */
export const handler = createEscalateReviewTaskHandler(resolveReviewSubject);

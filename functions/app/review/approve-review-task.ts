import { createApproveReviewTaskHandler } from '../../review/handlers/approve-review-task';
import { resolveReviewSubject } from './review-subjects';

/** The Lambda entry: the review handler, with every subject wired in. */
export const handler = createApproveReviewTaskHandler(resolveReviewSubject);

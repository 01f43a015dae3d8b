import { createGetReviewTaskHandler } from '../../review/handlers/get-review-task';
import { resolveReviewSubject } from './review-subjects';

/** The Lambda entry: the review handler, with every subject wired in. */
export const handler = createGetReviewTaskHandler(resolveReviewSubject);

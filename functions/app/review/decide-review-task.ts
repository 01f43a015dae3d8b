import { createDecideReviewTaskHandler } from '../../review/handlers/decide-review-task';
import { resolveReviewSubject } from './review-subjects';

/** The Lambda entry: the review handler, with every subject wired in. */
export const handler = createDecideReviewTaskHandler(resolveReviewSubject);

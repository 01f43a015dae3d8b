/**
 * Lowest Textract confidence (0–100) at which an extracted field is trusted. Below it a field is kept, with
 * its confidence, for reviewers to see, but counts as not read: Textract's confidence for printed text on a
 * clear scan is above 90, and values under 50 are mostly misreads of glare, stamps or handwriting.
 */
export const MINIMUM_FIELD_CONFIDENCE = 50;

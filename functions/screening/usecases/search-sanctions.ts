import type { ScreeningIndex } from '../matching/screening-index';
import { DEFAULT_HIT_LIMIT } from '../matching/screening-settings';
import type { ScreeningResult } from '../../kernel/screening/screening-query';
import { searchScreeningIndex } from '../matching/search-screening-index';
import type { ScreeningSearchRequest } from '../models/screening-search';

/** What an ad hoc search needs. */
export interface SearchSanctionsDependencies {
  getIndex(): Promise<ScreeningIndex>;
  threshold: number;
}

/** Runs a reviewer's ad hoc search against the current lists, with explanations. */
export async function searchSanctions(
  deps: SearchSanctionsDependencies,
  request: ScreeningSearchRequest,
): Promise<ScreeningResult> {
  const index = await deps.getIndex();
  return searchScreeningIndex(
    index,
    {
      name: request.name,
      type: request.type,
      dateOfBirth: request.dateOfBirth,
      country: request.country,
      identifiers: request.identifiers,
    },
    {
      threshold: deps.threshold,
      limit: request.limit ?? DEFAULT_HIT_LIMIT,
      includeBelowThreshold: request.includeBelowThreshold ?? false,
    },
  );
}

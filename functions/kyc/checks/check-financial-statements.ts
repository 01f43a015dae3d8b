import type { CheckResult } from '../models/case-assessment';
import { concludeCheck, startFindings } from './check-findings';
import {
  businessApplicantOf,
  describeDocument,
  findReadableDocuments,
  trustedValue,
  type DocumentCheckInput,
} from './check-input';
import { checkDatedDocument } from './check-dated-document';
import { compareCompanyNames } from './compare-names';

/**
 * FINANCIAL_STATEMENTS_PRESENT: a HIGH_VALUE case has readable financial statements whose period ended at
 * most `financialStatementMaxAgeMonths` before today; for a company, the statements must also be issued in
 * its name. NOT_APPLICABLE to STANDARD cases.
 */
export function checkFinancialStatements(input: DocumentCheckInput): CheckResult {
  if (input.kycCase.tier !== 'HIGH_VALUE') {
    return concludeCheck('FINANCIAL_STATEMENTS_PRESENT', startFindings(), {
      outcome: 'NOT_APPLICABLE',
      reason: 'Only HIGH_VALUE cases need financial statements',
    });
  }
  const result = checkDatedDocument(input, {
    checkId: 'FINANCIAL_STATEMENTS_PRESENT',
    type: 'FINANCIAL_STATEMENT',
    maxAgeMonths: input.settings.financialStatementMaxAgeMonths,
    dateLabel: 'period end',
    required: true,
  });
  const business = businessApplicantOf(input.kycCase);
  if (!business || result.outcome !== 'PASS') return result;

  const strangers = findReadableDocuments(input.documents, ['FINANCIAL_STATEMENT']).flatMap((document) => {
    const companyName = trustedValue(document, 'companyName', input.settings);
    const comparison = companyName ? compareCompanyNames(business.legalName, companyName) : undefined;
    return comparison && !comparison.matches
      ? [`${describeDocument(document)} is issued to "${companyName}", not "${business.legalName}"`]
      : [];
  });
  if (!strangers.length) return result;
  return { ...result, outcome: 'FAIL', reason: strangers.join('; ') };
}

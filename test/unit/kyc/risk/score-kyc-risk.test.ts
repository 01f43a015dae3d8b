import type { CheckResult } from '../../../../functions/kyc/models/case-assessment';
import { loadKycRiskConfig, parseKycRiskConfig } from '../../../../functions/kyc/risk/kyc-risk-config';
import { levelOfScore, scoreKycRisk } from '../../../../functions/kyc/risk/score-kyc-risk';
import shipped from '../../../../data/rules/kyc-risk-scoring.json';
import { businessRisk, individualRisk, passedChecks, screenedParty, screening } from './risk-fixtures';

function pointsOf(risk: ReturnType<typeof scoreKycRisk>): Record<string, number> {
  return Object.fromEntries(risk.factors.map((factor) => [factor.factorId, factor.points]));
}

describe('scoreKycRisk', () => {
  it('scores a German resident with clean screening and passed checks 0, LOW, with no factors', () => {
    // Prepare / Act
    const risk = scoreKycRisk(individualRisk());
    // Assess
    expect(risk).toEqual({ score: 0, level: 'LOW', factors: [], modelVersion: shipped.version });
  });

  it('adds the business party, the HIGH_VALUE tier and the number of UBOs', () => {
    // Prepare
    const input = businessRisk('HIGH_VALUE');
    if (!('legalName' in input.applicant)) throw new Error('expected a business applicant');
    const { representatives } = input.applicant;
    input.applicant = {
      ...input.applicant,
      representatives: [
        ...representatives,
        { fullName: 'Chen Jing', dateOfBirth: '1985-05-05', nationality: 'CN', role: 'UBO', ownershipPercent: 0 },
      ],
    };
    // Act
    const risk = scoreKycRisk(input);
    // Assess
    expect(pointsOf(risk)).toEqual({ 'party-type:BUSINESS': 10, 'tier:HIGH_VALUE': 15, 'ownership:ubo-count': 5 });
    expect(risk).toMatchObject({ score: 30, level: 'MEDIUM' });
  });

  it('adds points when no UBO is declared', () => {
    // Prepare
    const input = businessRisk();
    if (!('legalName' in input.applicant)) throw new Error('expected a business applicant');
    input.applicant = {
      ...input.applicant,
      representatives: input.applicant.representatives.map((person) => ({ ...person, role: 'DIRECTOR' as const })),
    };
    // Act
    const risk = scoreKycRisk(input);
    // Assess
    expect(risk.factors).toContainEqual({
      factorId: 'ownership:no-ubo',
      points: 15,
      detail: 'no ultimate beneficial owner is declared',
    });
    expect(risk.score).toBe(25);
  });

  it.each([
    [0.95, 60],
    [0.9, 60],
    [0.85, 45],
    [0.7, 30],
    [0.65, 10],
  ])('gives a best hit of score %p %p points', (score, points) => {
    // Prepare
    const input = individualRisk({}, { screening: screening([screenedParty('Ana Souza', [0.5, score])]) });
    // Act
    const risk = scoreKycRisk(input);
    // Assess
    expect(pointsOf(risk)).toEqual({ 'screening-hit:applicant': points });
  });

  it('makes a case with a hit at the match threshold HIGH, whatever its points', () => {
    // Prepare
    const input = individualRisk({}, { screening: screening([screenedParty('Ana Souza', [0.7, 0.4])]) });
    // Act
    const risk = scoreKycRisk(input);
    // Assess
    expect(risk).toMatchObject({ score: 30, level: 'HIGH' });
    expect(risk.factors[0]?.detail).toBe(
      'individual "Ana Souza" resembles "LISTED ANA SOUZA" (OFAC SDN) with score 0.7 (2 hits, the best counted); ' +
        'at or over the match threshold 0.7, so the level is at least HIGH',
    );
  });

  it('does not raise the level for a hit below the threshold', () => {
    // Prepare
    const input = individualRisk({}, { screening: screening([screenedParty('Ana Souza', [0.69])]) });
    // Act
    const risk = scoreKycRisk(input);
    // Assess
    expect(risk).toMatchObject({ score: 10, level: 'LOW' });
  });

  it('honours a configuration that raises a hit only to MEDIUM', () => {
    // Prepare
    const config = parseKycRiskConfig({ ...shipped, screening: { ...shipped.screening, minimumLevelOnHit: 'MEDIUM' } });
    const input = individualRisk({}, { screening: screening([screenedParty('Ana Souza', [0.72])]) });
    // Act
    const risk = scoreKycRisk(input, config);
    // Assess
    expect(risk.level).toBe('MEDIUM');
  });

  it('adds the configured points of each failed check, not of incomplete ones', () => {
    // Prepare
    const checks: CheckResult[] = passedChecks().map((check) =>
      check.checkId === 'MRZ_CHECK_DIGITS'
        ? { ...check, outcome: 'FAIL', reason: 'The document number check digit is wrong' }
        : check.checkId === 'PROOF_OF_ADDRESS_RECENT'
          ? { ...check, outcome: 'INCOMPLETE' }
          : check,
    );
    // Act
    const risk = scoreKycRisk(individualRisk({}, { checks }));
    // Assess
    expect(risk.factors).toEqual([
      {
        factorId: 'failed-check:MRZ_CHECK_DIGITS',
        points: 40,
        detail: 'MRZ_CHECK_DIGITS failed: The document number check digit is wrong',
      },
    ]);
    expect(risk.level).toBe('MEDIUM');
  });

  it('scores country risk by role and counts a country once, at its heaviest role', () => {
    // Prepare / Act
    const resident = scoreKycRisk(individualRisk({ nationality: 'IR', countryOfResidence: 'IR' }));
    const national = scoreKycRisk(individualRisk({ nationality: 'IR' }));
    const grey = scoreKycRisk(individualRisk({ countryOfResidence: 'VN' }));
    // Assess
    expect(pointsOf(resident)).toEqual({ 'country-risk:IR': 60 });
    expect(resident.level).toBe('HIGH');
    expect(resident.factors[0]?.detail).toMatch(
      /^IR \(nationality, residence\) is HIGH: .*country-risk\/fatf-call-for-action/,
    );
    expect(pointsOf(national)).toEqual({ 'country-risk:IR': 40 });
    expect(pointsOf(grey)).toEqual({ 'country-risk:VN': 20 });
    expect(grey.level).toBe('LOW');
  });

  it('scores the representatives’ nationalities of a business', () => {
    // Prepare
    const input = businessRisk();
    if (!('legalName' in input.applicant)) throw new Error('expected a business applicant');
    const [director, ubo] = input.applicant.representatives;
    input.applicant = { ...input.applicant, representatives: [director!, { ...ubo!, nationality: 'CU' }] };
    // Act
    const risk = scoreKycRisk(input);
    // Assess
    expect(pointsOf(risk)).toEqual({ 'country-risk:CU': 30, 'party-type:BUSINESS': 10 });
    expect(risk.level).toBe('MEDIUM');
  });
});

describe('levelOfScore', () => {
  it.each([
    [0, 'LOW'],
    [29, 'LOW'],
    [30, 'MEDIUM'],
    [59, 'MEDIUM'],
    [60, 'HIGH'],
    [500, 'HIGH'],
  ])('rates %p as %p with the shipped thresholds (MEDIUM from 30, HIGH from 60)', (score, level) => {
    // Prepare / Act / Assess
    expect(levelOfScore(score, loadKycRiskConfig())).toBe(level);
  });
});

import {
  conflict,
  reservedProblemMembers,
  toProblemResponse,
  type ProblemExtensions,
} from '../../../../functions/commons/http/problem';

function bodyOf(response: ReturnType<typeof toProblemResponse>): Record<string, unknown> {
  return JSON.parse(String(response.body)) as Record<string, unknown>;
}

describe('toProblemResponse', () => {
  it.each(reservedProblemMembers)('never lets an extension overwrite the reserved member %s', (member) => {
    // Prepare: an extension that tries to replace the member (a caller bypassing the type, as JS may)
    const extensions = { [member]: 'APPROVED', caseStatus: 'APPROVED' } as unknown as ProblemExtensions;

    // Act
    const body = bodyOf(toProblemResponse(409, 'The case is already APPROVED', extensions, '/kyc/cases/kyc_1/submit'));

    // Assess
    expect(body).toMatchObject({
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: 'The case is already APPROVED',
      instance: '/kyc/cases/kyc_1/submit',
      caseStatus: 'APPROVED',
    });
  });

  it('leaves out instance when there is none, even if an extension names it', () => {
    // Act
    const body = bodyOf(
      toProblemResponse(404, 'No such case', { instance: '/elsewhere' } as unknown as ProblemExtensions),
    );

    // Assess
    expect(body).not.toHaveProperty('instance');
    expect(body.status).toBe(404);
  });

  it('keeps domain members under their own names', () => {
    // Prepare
    const error = conflict('The order cannot be paid', { code: 'ORDER_NOT_PAYABLE', orderStatus: 'CANCELLED' });

    // Act
    const body = bodyOf(toProblemResponse(error.status, error.detail, error.extensions));

    // Assess
    expect(body).toMatchObject({ status: 409, code: 'ORDER_NOT_PAYABLE', orderStatus: 'CANCELLED' });
  });
});

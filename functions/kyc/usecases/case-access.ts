import { forbidden } from '../../commons/http/problem';
import { isStaff, type Principal } from '../../commons/http/principal';
import type { KycCase } from '../models/kyc-case';

/** Reviewers and admins read every case; a client reads only its own party's. */
export function assertCanReadCase(principal: Principal, kycCase: KycCase): void {
  if (isStaff(principal)) return;
  if (principal.partyId !== kycCase.partyId) throw forbidden('This case belongs to another party');
}

/** Only the owning client party adds to a case. */
export function assertCanChangeCase(principal: Principal, kycCase: KycCase): void {
  if (principal.partyId !== kycCase.partyId) throw forbidden('This case belongs to another party');
}

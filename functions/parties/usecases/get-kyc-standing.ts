import { isStaff, type Principal } from '../../commons/http/principal';
import { forbidden } from '../../commons/http/problem';
import { readStanding } from '../../kernel/parties/models/kyc-standing';
import type { KycStandingView } from '../models/kyc-standing-view';
import { findPartyProfile, type PartyStore } from '../../kernel/parties/repositories/party-repository';

/**
 * A party's KYC standing, for the party itself and for staff. A party that never opened a case stands at
 * NONE rather than 404, so a client can always ask where it stands.
 * @throws ProblemError 403 for another party's client
 */
export async function getKycStanding(
  deps: { parties: PartyStore },
  principal: Principal,
  partyId: string,
): Promise<KycStandingView> {
  const staff = isStaff(principal);
  if (!staff && principal.partyId !== partyId)
    throw forbidden("Only the party itself and staff read a party's KYC standing");
  const profile = await findPartyProfile(deps.parties, partyId);
  const standing = readStanding(profile);
  const decided = standing === 'APPROVED' || standing === 'REJECTED' || standing === 'SUSPENDED';
  return {
    partyId,
    standing,
    tier: standing === 'APPROVED' ? (profile?.tier ?? 'STANDARD') : null,
    caseId: decided ? (profile?.kycCaseId ?? null) : null,
    decidedAt: decided ? (profile?.kycDecidedAt ?? null) : null,
    ...(staff ? { riskLevel: profile?.riskLevel ?? null, reviewDueAt: profile?.reviewDueAt ?? null } : {}),
    ...(profile?.refresh && (standing === 'APPROVED' || standing === 'PENDING')
      ? {
          refresh: {
            caseId: profile.refresh.caseId,
            submitBy: profile.refresh.lapsesAt,
            lapsed: profile.refresh.lapsedAt !== undefined,
          },
        }
      : {}),
  };
}

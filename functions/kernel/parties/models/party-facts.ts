/** What trading needs about a party, recorded with its KYC approval. */
export interface PartyFacts {
  /** Residence for a person, incorporation for a company (ISO 3166-1 alpha-2). */
  country: string;
  displayName: string;
  partyType: 'INDIVIDUAL' | 'BUSINESS';
}

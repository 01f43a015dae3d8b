import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClient,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { partyIdClaim } from '../../functions/commons/http/principal';
import { roles, type Role } from '../../functions/commons/http/route-table';

/** Name of the custom attribute behind the `custom:partyId` claim (Cognito adds the `custom:` prefix). */
export const partyIdAttribute = partyIdClaim.replace(/^custom:/, '');

/** What each group may do; the groups themselves are the roles of the route table. */
const groupDescriptions: Record<Role, string> = {
  client: 'Buyers and suppliers acting for their own party (custom:partyId)',
  reviewer: 'Compliance reviewers working the review queue',
  admin: 'Administrators who see every party',
};

/**
 * Who may call the API: a Cognito user pool whose groups are the route table's roles and whose
 * `custom:partyId` attribute ties a client user to its party, plus the app client the JWT authorizer
 * accepts tokens for.
 *
 * Callers present the ID token: it carries `cognito:groups` and `custom:partyId`, and its `aud` is the
 * app client id the authorizer checks.
 */
export class Identity extends Construct {
  /** The user pool. */
  readonly userPool: UserPool;
  /** Public app client (no secret) used by browsers and the CLI. */
  readonly userPoolClient: UserPoolClient;
  /** One group per role, keyed by role. */
  readonly groups: Record<Role, UserPoolGroup>;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      // Accounts are provisioned by the back office, which also sets the party id; nobody signs up alone.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        // Mutable so that an admin can attach a party after the user exists; clients cannot write it (see below).
        [partyIdAttribute]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // TOTP only: SMS would need an SNS role and spend, and SIM-swap makes it the weaker factor.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus tier for threat protection: KYC and escrow accounts are worth taking over, so compromised
      // credentials and risky sign-ins are blocked rather than only reported.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.groups = Object.fromEntries(
      roles.map((role) => [
        role,
        this.userPool.addGroup(`${role}Group`, { groupName: role, description: groupDescriptions[role] }),
      ]),
    ) as Record<Role, UserPoolGroup>;

    this.userPoolClient = this.userPool.addClient('AppClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      // No hosted UI: sign-in happens through SRP, so the OAuth flows (and their default example.com
      // callback) stay off.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true })
        .withCustomAttributes(partyIdAttribute),
      // The party id decides whose cases and orders a client sees: a user must never be able to set it.
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true }),
    });
  }
}

import { Match, type Template } from 'aws-cdk-lib/assertions';
import { apiCorsSettings, listCorsMethods } from '../../functions/commons/http/api-cors';
import { partyIdClaim } from '../../functions/commons/http/principal';
import { roles, routeTable, toRouteKey } from '../../functions/commons/http/route-table';
import type { TrustFlowStack } from '../../infra/trustflow-stack';
import { logicalIdOf, synthesizeStack, testBrowserOrigins } from './support/synthesize-stack';

let stack: TrustFlowStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = synthesizeStack());
});

describe('identity', () => {
  it.each(roles.map((role) => [role]))('has the Cognito group %s', (role) => {
    // Prepare
    const userPoolId = logicalIdOf(stack, stack.identity.userPool);

    // Act / Assess
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', {
      GroupName: role,
      UserPoolId: { Ref: userPoolId },
    });
  });

  it('has exactly one group per role', () => {
    // Act / Assess
    template.resourceCountIs('AWS::Cognito::UserPoolGroup', roles.length);
  });

  it(`declares the mutable string attribute behind the ${partyIdClaim} claim`, () => {
    // Prepare
    const attributeName = partyIdClaim.replace(/^custom:/, '');

    // Act / Assess
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([Match.objectLike({ Name: attributeName, AttributeDataType: 'String', Mutable: true })]),
    });
  });

  it('requires strong passwords, TOTP MFA and enforced threat protection; no self sign-up', () => {
    // Act / Assess
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: Match.anyValue(),
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
    const [pool] = Object.values(template.findResources('AWS::Cognito::UserPool'));
    expect(pool?.Properties.Policies.PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);
  });

  it('has a public app client: no secret, SRP only, no OAuth flows', () => {
    // Act / Assess
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlowsUserPoolClient: false,
      PreventUserExistenceErrors: 'ENABLED',
    });
  });

  it(`lets the app client read ${partyIdClaim} but never write it`, () => {
    // Act
    const [client] = Object.values(template.findResources('AWS::Cognito::UserPoolClient'));
    const { ReadAttributes, WriteAttributes } = client?.Properties as {
      ReadAttributes: string[];
      WriteAttributes: string[];
    };

    // Assess
    expect(ReadAttributes).toContain(partyIdClaim);
    expect(WriteAttributes).toBeDefined();
    expect(WriteAttributes).not.toContain(partyIdClaim);
  });
});

describe('HTTP API', () => {
  it('has a JWT authorizer for the user pool issuer and the app client audience', () => {
    // Prepare
    const userPoolId = logicalIdOf(stack, stack.identity.userPool);
    const clientId = logicalIdOf(stack, stack.identity.userPoolClient);

    // Act / Assess
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: { 'Fn::GetAtt': [userPoolId, 'ProviderURL'] },
        Audience: [{ Ref: clientId }],
      },
    });
  });

  it.each(routeTable.map((route) => [toRouteKey(route), route] as const))(
    'has route %s with the auth of the route table',
    (routeKey, route) => {
      // Prepare
      const [authorizerId] = Object.keys(template.findResources('AWS::ApiGatewayV2::Authorizer'));
      const expected =
        route.auth === 'jwt'
          ? { AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } }
          : { AuthorizationType: 'NONE', AuthorizerId: undefined };

      // Act
      const routes = Object.values(
        template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey } }),
      );

      // Assess
      expect(routes).toHaveLength(1);
      expect(routes[0]?.Properties).toMatchObject({
        RouteKey: routeKey,
        AuthorizationType: expected.AuthorizationType,
      });
      expect(routes[0]?.Properties.AuthorizerId).toEqual(expected.AuthorizerId);
    },
  );

  it('answers CORS preflights for the browser origins with the shared headers', () => {
    // Act / Assess
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: testBrowserOrigins,
        AllowMethods: Match.arrayWith([...listCorsMethods(), 'OPTIONS']),
        AllowHeaders: [...apiCorsSettings.allowHeaders],
        ExposeHeaders: [...apiCorsSettings.exposeHeaders],
        MaxAge: apiCorsSettings.maxAgeSeconds,
      },
    });
  });

  it('has no routes beyond the route table', () => {
    // Act / Assess
    template.resourceCountIs('AWS::ApiGatewayV2::Route', routeTable.length);
  });

  it.each(routeTable.map((route) => [toRouteKey(route), route.function] as const))(
    'integrates %s with the function %s',
    (routeKey, functionId) => {
      // Prepare
      const functionLogicalId = logicalIdOf(stack, stack.functions.get(functionId));
      const [route] = Object.values(
        template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey } }),
      );
      const integrationRef = (route?.Properties.Target as { 'Fn::Join': [string, [string, { Ref: string }]] })[
        'Fn::Join'
      ][1][1].Ref;

      // Act
      const integration = template.findResources('AWS::ApiGatewayV2::Integration')[integrationRef];

      // Assess
      expect(integration?.Properties).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
        IntegrationUri: { 'Fn::GetAtt': [functionLogicalId, 'Arn'] },
      });
    },
  );

  it('writes JSON access logs of the $default stage to a log group with retention', () => {
    // Prepare
    const logGroupId = logicalIdOf(stack, stack.api.accessLogGroup);

    // Act
    const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));
    const settings = stage?.Properties.AccessLogSettings as { DestinationArn: unknown; Format: string };

    // Assess
    expect(stage?.Properties).toMatchObject({ StageName: '$default', AutoDeploy: true });
    expect(settings.DestinationArn).toEqual({ 'Fn::GetAtt': [logGroupId, 'Arn'] });
    expect(JSON.parse(settings.Format)).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: Match.anyValue() });
  });
});

describe('outputs', () => {
  it.each([['ApiUrl'], ['UserPoolId'], ['UserPoolClientId'], ['TableName'], ['DocumentsBucket']])(
    'exports %s',
    (name) => {
      // Act / Assess
      template.hasOutput(name, { Value: Match.anyValue() });
    },
  );
});

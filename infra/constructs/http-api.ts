import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { Duration } from 'aws-cdk-lib';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
  type HttpRoute,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { apiCorsSettings, listCorsMethods } from '../../functions/commons/http/api-cors';
import { routeTable, toRouteKey, type RouteAuth, type RouteDefinition } from '../../functions/commons/http/route-table';
import type { FunctionId } from '../../functions/function-catalog';
import type { Functions } from './functions';
import { acknowledgeNagRule } from './nag';

/** Properties of {@link TrustFlowHttpApi}. */
export interface TrustFlowHttpApiProps {
  /** The Lambda functions the routes integrate with. */
  readonly functions: Functions;
  /** Issues the JWTs the authorizer accepts. */
  readonly userPool: UserPool;
  /** The JWT audience: tokens must have been issued to this app client. */
  readonly userPoolClient: UserPoolClient;
  /** Browser origins allowed by CORS. */
  readonly allowedOrigins: string[];
}

/**
 * Fields of one access-log line. Who and what, never personal data: no claims, no bodies, no query
 * strings (they may carry names or document ids).
 */
const accessLogFields = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
};

/** Why a route without a JWT authorizer is acceptable, per kind of route auth. */
const unauthenticatedRouteReasons: Record<Exclude<RouteAuth, 'jwt'>, string> = {
  none: 'public by design: it serves a public document (the API contract) and reads no stored data.',
  hmac:
    'partner webhook: callers are not Cognito users; the handler verifies an HMAC-SHA256 signature over the raw ' +
    'body with a 300 s timestamp window and per-partner secrets, as the API contract specifies.',
};

/**
 * The HTTP API, built from the shared route table (`functions/commons/http/route-table.ts`): one route
 * per entry, integrated with that entry's function. `jwt` routes use the Cognito JWT authorizer;
 * `none` and `hmac` routes have no API Gateway authorizer (the hmac handlers check signatures
 * themselves). The `$default` stage writes JSON access logs.
 */
export class TrustFlowHttpApi extends Construct {
  /** The API. */
  readonly httpApi: HttpApi;
  /** The auto-deployed `$default` stage. */
  readonly stage: HttpStage;
  /** Access logs of {@link stage}. */
  readonly accessLogGroup: LogGroup;
  /** Validates Cognito ID tokens. */
  readonly authorizer: HttpJwtAuthorizer;
  /** The routes, keyed by route key (`GET /kyc/cases/{caseId}`). */
  readonly routes: ReadonlyMap<string, HttpRoute>;

  constructor(scope: Construct, id: string, props: TrustFlowHttpApiProps) {
    super(scope, id);

    // Created without its default stage so the stage below can carry access logging and throttling.
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'TrustFlow API (routes from functions/commons/http/route-table.ts)',
      createDefaultStage: false,
      // API Gateway answers preflight requests itself, before any authorizer runs.
      corsPreflight: {
        allowOrigins: props.allowedOrigins,
        allowMethods: [...listCorsMethods().map((method) => CorsHttpMethod[method]), CorsHttpMethod.OPTIONS],
        allowHeaders: [...apiCorsSettings.allowHeaders],
        exposeHeaders: [...apiCorsSettings.exposeHeaders],
        maxAge: Duration.seconds(apiCorsSettings.maxAgeSeconds),
      },
    });

    this.accessLogGroup = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_YEAR });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogGroup),
        format: AccessLogFormat.custom(JSON.stringify(accessLogFields)),
      },
      // A ceiling against runaway clients; per-account Lambda concurrency is the next limit behind it.
      throttle: { rateLimit: 100, burstLimit: 200 },
    });

    this.authorizer = new HttpJwtAuthorizer('CognitoAuthorizer', props.userPool.userPoolProviderUrl, {
      authorizerName: 'cognito-jwt',
      jwtAudience: [props.userPoolClient.userPoolClientId],
    });

    const integrations = new Map<FunctionId, HttpLambdaIntegration>();
    const integrationFor = (functionId: FunctionId): HttpLambdaIntegration => {
      let integration = integrations.get(functionId);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${functionId}Integration`, props.functions.get(functionId));
        integrations.set(functionId, integration);
      }
      return integration;
    };

    const routes = new Map<string, HttpRoute>();
    for (const route of routeTable) {
      const [created] = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: integrationFor(route.function),
        authorizer: this.authorizerFor(route),
      });
      if (!created) throw new Error(`TrustFlowHttpApi: no route created for ${toRouteKey(route)}`);
      if (route.auth !== 'jwt') {
        const reason = `${toRouteKey(route)}: ${unauthenticatedRouteReasons[route.auth]}`;
        acknowledgeNagRule(created, 'AwsSolutions-APIG4', reason);
      }
      routes.set(toRouteKey(route), created);
    }
    this.routes = routes;
  }

  /** The invoke URL of the `$default` stage. */
  get url(): string {
    return this.stage.url;
  }

  private authorizerFor(route: RouteDefinition): IHttpRouteAuthorizer {
    switch (route.auth) {
      case 'jwt':
        return this.authorizer;
      case 'none':
      case 'hmac':
        return new HttpNoneAuthorizer();
    }
  }
}

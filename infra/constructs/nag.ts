import { CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges a cdk-nag finding on `scope` and everything below it, with the reason on record.
 *
 * cdk-nag 3 reports rules that produce several findings per resource (IAM4, IAM5) as
 * `Rule[Finding]`, and each must be acknowledged on its own; pass those findings in `findings`
 * (e.g. `Action::s3:List*`, `Resource::*`). Without `findings` the whole rule is acknowledged.
 */
export function acknowledgeNagRule(scope: IConstruct, rule: string, reason: string, findings: string[] = []): void {
  if (reason.trim().length < 20) throw new Error(`acknowledgeNagRule(${rule}): give a real reason`);
  const ids = findings.length === 0 ? [rule] : findings.map((finding) => `${rule}[${finding}]`);
  Validations.of(scope).acknowledge(...ids.map((id) => ({ id, reason })));
}

/**
 * How cdk-nag names an attribute reference in a finding, e.g. `<DataStoreTable1A2B3C4D.Arn>`, so that
 * IAM5 findings on resources such as `<table ARN>/index/*` can be acknowledged precisely.
 */
export function nagAttributeReference(resource: IConstruct, attribute: string): string {
  const element = resource.node.defaultChild;
  if (!CfnElement.isCfnElement(element)) {
    throw new Error(`nagAttributeReference: ${resource.node.path} has no CloudFormation resource`);
  }
  return `<${Stack.of(element).getLogicalId(element)}.${attribute}>`;
}

/**
 * How cdk-nag names a resource built from tokens in a finding, e.g. `Resource::arn:<AWS::Partition>:states:…`
 * for an ARN made with `Stack.formatArn`: references become `<LogicalId>`, `<LogicalId.Attribute>` or
 * `<AWS::Region>`, as cdk-nag flattens them.
 */
export function nagResourceFinding(scope: IConstruct, value: string): string {
  const flatten = (node: unknown): string => {
    if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
    if (typeof node === 'object' && node !== null) {
      if ('Fn::Join' in node) {
        const [delimiter, items] = node['Fn::Join'] as [string, unknown[]];
        return items.map(flatten).join(delimiter);
      }
      if ('Ref' in node) return `<${flatten(node.Ref)}>`;
      if ('Fn::GetAtt' in node) {
        const [resource, attribute] = node['Fn::GetAtt'] as [unknown, unknown];
        return `<${flatten(resource)}.${flatten(attribute)}>`;
      }
    }
    throw new Error(`nagResourceFinding: cannot flatten ${JSON.stringify(node)}`);
  };
  return `Resource::${flatten(Stack.of(scope).resolve(value))}`;
}

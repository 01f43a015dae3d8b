/** A conditional update of one item, in DynamoDB's terms. */
export interface ItemUpdate {
  set: Record<string, unknown>;
  remove?: string[];
  /** Condition over attributes named `#<name>` and values named `:<name>`. */
  condition?: string;
  conditionValues?: Record<string, unknown>;
}

/** The Update fields (expression, names, values) of an {@link ItemUpdate}. */
export function toUpdateExpression(update: ItemUpdate) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const assignments = Object.entries(update.set).map(([attribute, value]) => {
    names[`#${attribute}`] = attribute;
    values[`:set_${attribute}`] = value;
    return `#${attribute} = :set_${attribute}`;
  });
  for (const attribute of update.remove ?? []) names[`#${attribute}`] = attribute;
  for (const match of (update.condition ?? '').matchAll(/#(\w+)/g)) names[`#${match[1]}`] = match[1]!;
  Object.assign(values, update.conditionValues ?? {});
  const removal = update.remove?.length ? ` REMOVE ${update.remove.map((a) => `#${a}`).join(', ')}` : '';
  return {
    UpdateExpression: `SET ${assignments.join(', ')}${removal}`,
    ...(update.condition ? { ConditionExpression: update.condition } : {}),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

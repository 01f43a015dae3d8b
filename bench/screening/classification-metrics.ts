/** Precision, recall and F1 of binary decisions against labels. */
export interface ClassificationMetrics {
  pairs: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Computes precision, recall and F1 from (predicted, actual) decisions. */
export function measureClassification(
  decisions: ReadonlyArray<{ predicted: boolean; actual: boolean }>,
): ClassificationMetrics {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  for (const { predicted, actual } of decisions) {
    if (predicted && actual) truePositives += 1;
    else if (predicted) falsePositives += 1;
    else if (actual) falseNegatives += 1;
  }
  const precision = truePositives / Math.max(1, truePositives + falsePositives);
  const recall = truePositives / Math.max(1, truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { pairs: decisions.length, truePositives, falsePositives, falseNegatives, precision, recall, f1 };
}

function ranks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const result = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.value === order[start]!.value) end += 1;
    // Tied values share the mean of the ranks they span.
    for (let k = start; k <= end; k += 1) result[order[k]!.index] = (start + end) / 2 + 1;
    start = end + 1;
  }
  return result;
}

/** Spearman's rank correlation (Pearson's r on tie-averaged ranks). */
export function spearmanCorrelation(x: readonly number[], y: readonly number[]): number {
  const rx = ranks(x);
  const ry = ranks(y);
  const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
  const mx = mean(rx);
  const my = mean(ry);
  let covariance = 0;
  let varianceX = 0;
  let varianceY = 0;
  for (let i = 0; i < rx.length; i += 1) {
    covariance += (rx[i]! - mx) * (ry[i]! - my);
    varianceX += (rx[i]! - mx) ** 2;
    varianceY += (ry[i]! - my) ** 2;
  }
  return covariance / Math.sqrt(varianceX * varianceY);
}

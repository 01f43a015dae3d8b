import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/*
 * The architecture rules run in `npm test` (`npm run depcruise`, see .dependency-cruiser.cjs) with no
 * exceptions. A rule with a wrong pattern would pass everything, so each one is tried here on a small
 * tree of its own: one import that breaks it, and the imports the architecture allows.
 */
const repository = path.resolve(__dirname, '..', '..');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

/** Writes `files` (path → imports) under functions/ of a fresh directory and cruises it with the rules. */
function cruise(files: Record<string, string[]>): Violation[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'architecture-'));
  try {
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs' } }));
    for (const [file, imports] of Object.entries(files)) {
      const absolute = path.join(dir, 'functions', file);
      mkdirSync(path.dirname(absolute), { recursive: true });
      const lines = imports.map((target, i) => {
        let relative = path.relative(path.dirname(file), target).replace(/\.ts$/, '');
        if (!relative.startsWith('.')) relative = `./${relative}`;
        return `import { x${i} } from '${relative}';`;
      });
      writeFileSync(absolute, `${lines.join('\n')}\nexport const x = 1;\n`);
    }
    const run = spawnSync(
      path.join(repository, 'node_modules', '.bin', 'depcruise'),
      ['functions', '--config', path.join(repository, '.dependency-cruiser.cjs'), '--output-type', 'json'],
      { cwd: dir, encoding: 'utf8' },
    );
    if (!run.stdout) throw new Error(`depcruise failed: ${run.stderr}`);
    return (JSON.parse(run.stdout) as { summary: { violations: Violation[] } }).summary.violations;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each violation as `rule: from → to`, with paths under functions/. */
function listViolations(violations: Violation[]): string[] {
  const short = (file: string) => file.replace(/^functions\//, '');
  return violations.map((v) => `${v.rule.name}: ${short(v.from)} → ${short(v.to)}`).sort();
}

describe('architecture rules', () => {
  it('allow what the architecture is made of: areas on commons and the kernel, the composition root on all', () => {
    // Prepare
    const files = {
      'commons/clock.ts': [],
      'kernel/parties/models/kyc-standing.ts': ['commons/clock.ts'],
      'kyc/usecases/create-case.ts': [
        'kernel/parties/models/kyc-standing.ts',
        'commons/clock.ts',
        'kyc/models/kyc-case.ts',
      ],
      'kyc/models/kyc-case.ts': ['kernel/parties/models/kyc-standing.ts'],
      'review/usecases/open-review-task.ts': ['kernel/parties/models/kyc-standing.ts'],
      'app/kyc/run-case-step.ts': ['kyc/usecases/create-case.ts', 'review/usecases/open-review-task.ts'],
    };

    // Act
    const violations = cruise(files);

    // Assess
    expect(listViolations(violations)).toEqual([]);
  });

  it('refuse an area importing another area, the kernel or commons leaning on an area, and review on a subject', () => {
    // Prepare
    const files = {
      'orders/workflow/screen-order.ts': ['kyc/repositories/case-repository.ts'],
      'kyc/repositories/case-repository.ts': [],
      'kernel/screening/screening-query.ts': ['screening/lists/sanctioned-entity.ts'],
      'screening/lists/sanctioned-entity.ts': [],
      'commons/views/view-policy.ts': ['kernel/screening/screening-query.ts', 'app/wiring.ts'],
      'app/wiring.ts': [],
      'review/usecases/decide.ts': ['orders/workflow/screen-order.ts'],
    };

    // Act
    const violations = cruise(files);

    // Assess
    expect(listViolations(violations)).toEqual([
      'area-imports-only-commons: orders/workflow/screen-order.ts → kyc/repositories/case-repository.ts',
      'area-imports-only-commons: review/usecases/decide.ts → orders/workflow/screen-order.ts',
      'commons-knows-no-domain: commons/views/view-policy.ts → app/wiring.ts',
      'commons-knows-no-domain: commons/views/view-policy.ts → kernel/screening/screening-query.ts',
      'kernel-imports-only-commons: kernel/screening/screening-query.ts → screening/lists/sanctioned-entity.ts',
      'review-knows-no-subject: review/usecases/decide.ts → orders/workflow/screen-order.ts',
    ]);
  });

  it('refuse models that speak HTTP or read storage, and any import cycle', () => {
    // Prepare
    const files = {
      'commons/http/problem.ts': [],
      'orders/models/order-rules.ts': ['commons/http/problem.ts', 'orders/repositories/order-repository.ts'],
      'orders/repositories/order-repository.ts': ['orders/usecases/create-order.ts'],
      'orders/usecases/create-order.ts': ['orders/repositories/order-repository.ts'],
    };

    // Act
    const violations = cruise(files);

    // Assess
    // a cycle is reported once, at the module where the cruise enters it
    expect(listViolations(violations)).toEqual([
      'models-are-pure: orders/models/order-rules.ts → commons/http/problem.ts',
      'models-are-pure: orders/models/order-rules.ts → orders/repositories/order-repository.ts',
      'no-circular: orders/repositories/order-repository.ts → orders/usecases/create-order.ts',
    ]);
  });
});

/**
 * Architecture rules of functions/ (issue 11, "Review as a service of its own"), checked by `npm test`:
 * - an area (kyc, orders, review, screening, suppliers, parties) imports only commons, never another
 *   area's internals; the composition root functions/app/ wires areas together;
 * - review knows no subject area: subjects register with it;
 * - models/ import neither the HTTP layer nor repositories;
 * - no circular imports.
 * Violations that predate a rule are listed in .dependency-cruiser-known-violations.json (written with
 * `npm run depcruise:baseline`) so that only new ones fail; the list is meant to shrink to nothing.
 */
const areas = '(kyc|orders|review|screening|suppliers|parties)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two modules one: neither can be understood, tested or bundled alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'review-knows-no-subject',
      severity: 'error',
      comment: 'Review serves any subject: a subject registers what it shows and what a decision does.',
      from: { path: '^functions/review/' },
      to: { path: `^functions/(kyc|orders|screening|suppliers|parties)/` },
    },
    {
      name: 'area-imports-only-commons',
      severity: 'error',
      comment: "An area depends on commons, never on another area's internals; functions/app/ composes them.",
      from: { path: `^functions/${areas}/` },
      to: { path: `^functions/${areas}/`, pathNot: '^functions/$1/' },
    },
    {
      name: 'models-are-pure',
      severity: 'error',
      comment: 'Models hold the domain: no HTTP, no storage.',
      from: { path: '^functions/[^/]+/models/' },
      to: { path: ['^functions/commons/http/', '/repositories/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.d\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
  },
};

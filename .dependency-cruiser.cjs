/**
 * Architecture rules of functions/ (issue 11, "Review as a service of its own"), checked by `npm test`
 * with no exceptions:
 * - an area (kyc, orders, review, screening, suppliers, parties, events) imports only commons and the shared
 *   kernel, never another area's internals; the composition root functions/app/ wires areas together,
 *   handing each the others' services as functions;
 * - the shared kernel (functions/kernel/: the party record and standing, the review task and its subject
 *   contract, the screening query, name comparison, the trade rules) imports only commons;
 * - commons imports no area, no kernel and no composition root;
 * - review knows no subject area: subjects register with it;
 * - models/ import neither the HTTP layer nor repositories;
 * - no circular imports.
 */
const areas = '(kyc|orders|review|screening|suppliers|parties|events)';

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
      name: 'kernel-imports-only-commons',
      severity: 'error',
      comment: 'The shared kernel is the language areas share: it may not lean on any one of them.',
      from: { path: '^functions/kernel/' },
      to: { path: `^functions/(${areas.slice(1, -1)}|app)/` },
    },
    {
      name: 'commons-knows-no-domain',
      severity: 'error',
      comment: 'commons is plumbing every area uses: no area, kernel or composition root in it.',
      from: { path: '^functions/commons/' },
      to: { path: `^functions/(${areas.slice(1, -1)}|kernel|app)/` },
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

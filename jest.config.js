/**
 * One jest setup for the whole repo. @middy/*, jose and the OpenAPI validator ship ESM, so they go through the same
 * babel transform as our TypeScript instead of jest's experimental ESM mode. babel-jest is pure
 * JavaScript: no platform-specific binaries for `npm ci` to resolve.
 */
// Tests run on Node 20 while Lambdas deploy on Node 22; the SDK's reminder about it is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';

const esmOnlyPackages = ['@middy', 'jose', '@apidevtools', 'any-ascii', 'double-metaphone', 'mrz'];
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)sx?$': 'babel-jest' },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...shared, displayName: 'infra', testMatch: ['<rootDir>/test/infra/**/*.test.ts'] },
    { ...shared, displayName: 'conformance', testMatch: ['<rootDir>/test/conformance/**/*.test.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/integration/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/global-teardown.ts',
    },
  ],
  testTimeout: 60000,
};

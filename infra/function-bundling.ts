/**
 * How every Lambda bundle is built. CDK's NodejsFunction and the cold-start benchmark both use these
 * settings, so the benchmark measures what is deployed.
 */
export const functionBundling = {
  /** Lambda runtime the bundles target (Node.js 22 on arm64). */
  target: 'node22',
  format: 'cjs',
  minify: true,
  sourceMap: true,
  /** Sources are not embedded: the map still resolves stack traces and the bundle stays small. */
  sourcesContent: false,
  /** ESM entry points first so esbuild can tree-shake the AWS SDK. */
  mainFields: ['module', 'main'],
  /** Nothing external: the AWS SDK is bundled and tree-shaken rather than taken from the runtime. */
  externalModules: [] as string[],
} as const;

/** Environment every function starts with. */
export const functionBaseEnvironment = {
  NODE_OPTIONS: '--enable-source-maps',
  POWERTOOLS_SERVICE_NAME: 'trustflow',
} as const;

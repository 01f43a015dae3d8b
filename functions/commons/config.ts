/**
 * Environment configuration for handlers, read when first needed rather than at import so that a
 * module can be loaded (bench, tests, OpenAPI generation) without a full environment.
 */
export interface FunctionConfig {
  tableName: string;
  documentsBucket: string;
}

let cached: FunctionConfig | undefined;

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

/** The table and bucket this function works on. */
export function getConfig(): FunctionConfig {
  cached ??= {
    tableName: requireEnv('TABLE_NAME'),
    documentsBucket: requireEnv('DOCUMENTS_BUCKET'),
  };
  return cached;
}

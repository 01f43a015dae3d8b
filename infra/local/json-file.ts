import { readFileSync, renameSync, writeFileSync } from 'node:fs';

/** Reads a JSON file; undefined when it does not exist. */
export function readJsonFile<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/** Writes a JSON file atomically (write then rename), so a crash never leaves half a file. */
export function writeJsonFile(file: string, value: unknown, mode = 0o600): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(value, null, 2) + '\n', { mode });
  renameSync(temporary, file);
}

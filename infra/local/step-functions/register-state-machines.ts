import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { applyDefinitionSubstitutions } from '../../state-machine-substitutions';
import type { StepFunctionsService } from './service/step-functions-service';

/**
 * Registers every `<name>.asl.json` in `directory` as state machine `<name>`, with the local
 * substitutions. A changed file replaces the registered definition; running executions keep theirs.
 */
export async function registerStateMachines(
  service: StepFunctionsService,
  directory: string,
  substitutions: Record<string, string>,
  roleArn: string,
): Promise<string[]> {
  const files = readdirSync(directory)
    .filter((file) => file.endsWith('.asl.json'))
    .sort();
  const arns: string[] = [];
  for (const file of files) {
    const name = path.basename(file, '.asl.json');
    const definition = applyDefinitionSubstitutions(readFileSync(path.join(directory, file), 'utf8'), substitutions);
    try {
      arns.push(await service.putStateMachine({ name, definition, roleArn }));
    } catch (error) {
      throw new Error(`state-machines/${file}: ${(error as Error).message}`);
    }
  }
  return arns;
}

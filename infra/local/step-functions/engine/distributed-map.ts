/*
 * The interpreter's side of a Distributed Map: reading the Map state's settings as AWS does, in AWS's
 * order, into a MapRunRequest that the host runs (child executions, S3) and answers with the state's
 * result or error. Runtime errors here are States.Runtime and happen before MapRunStarted, as AWS
 * records them; ItemReader and threshold failures happen in the map run (MapRunFailed).
 */
import { StatesError } from '../asl/states-error';
import type { StateDefinition, StatesBlock } from './execution-model';
import type { ItemBatcherSpec } from './item-batcher';
import type { ItemReaderSpec } from './item-reader';
import { readResultWriterSpec, type ResultWriterSpec } from './result-writer';

/** Everything a host needs to run a map run; kept in the (journaled) parent thread. */
export interface MapRunRequest {
  mapRunArn: string;
  threadId: string;
  stateName: string;
  /** The ItemProcessor (or Iterator): each child execution's definition. */
  processor: StatesBlock;
  executionType: 'STANDARD' | 'EXPRESS';
  /** The items, when they come from the state input rather than an ItemReader. */
  items?: unknown[];
  reader?: ItemReaderSpec;
  /** ItemSelector (or legacy Parameters), evaluated per item against `selectorInput`. */
  itemSelector?: unknown;
  selectorInput: unknown;
  /** The Map state's context object; each item adds `Map.Item`. */
  context: Record<string, unknown>;
  batcher?: ItemBatcherSpec;
  /** 0: AWS's default of 10,000 concurrent child executions. */
  maxConcurrency: number;
  toleratedFailureCount?: number;
  toleratedFailurePercentage?: number;
  resultWriter?: ResultWriterSpec;
}

/** What the interpreter needs of the ASL evaluators here. */
export interface MapRunEvaluators {
  readPath(path: string, input: unknown, context: unknown): unknown;
  parameters(template: unknown, input: unknown, context: unknown): unknown;
}

/** AWS's error text when a Map run exceeds its tolerated failures. */
export const exceededThresholdCause = 'The specified tolerated failure threshold was exceeded';

/** Whether a Map state runs its items as child executions of a map run. */
export function isDistributedMap(state: StateDefinition): boolean {
  const processor = (state.ItemProcessor ?? state.Iterator) as { ProcessorConfig?: { Mode?: string } } | undefined;
  return processor?.ProcessorConfig?.Mode === 'DISTRIBUTED';
}

/**
 * Reads the map run's settings from the state and its effective input: thresholds, concurrency,
 * ItemReader and ResultWriter parameters, the batcher. Throws States.Runtime for invalid *Path values.
 */
export function resolveMapRunSettings(
  state: StateDefinition,
  effective: unknown,
  context: Record<string, unknown>,
  evaluate: MapRunEvaluators,
): Omit<MapRunRequest, 'mapRunArn' | 'threadId' | 'stateName' | 'items'> {
  const read = (path: unknown) => evaluate.readPath(String(path), effective, context);
  const processor = (state.ItemProcessor ?? state.Iterator) as StatesBlock & {
    ProcessorConfig?: { ExecutionType?: string };
  };
  const toleratedFailureCount =
    state.ToleratedFailureCountPath !== undefined
      ? readToleratedFailureCount(read(state.ToleratedFailureCountPath), String(state.ToleratedFailureCountPath))
      : (state.ToleratedFailureCount as number | undefined);
  const toleratedFailurePercentage =
    state.ToleratedFailurePercentagePath !== undefined
      ? readToleratedFailurePercentage(
          read(state.ToleratedFailurePercentagePath),
          String(state.ToleratedFailurePercentagePath),
        )
      : (state.ToleratedFailurePercentage as number | undefined);
  const maxConcurrency =
    state.MaxConcurrencyPath !== undefined
      ? readInteger(read(state.MaxConcurrencyPath), 'MaxConcurrencyPath', String(state.MaxConcurrencyPath))
      : Number(state.MaxConcurrency ?? 0);
  const settings: Omit<MapRunRequest, 'mapRunArn' | 'threadId' | 'stateName' | 'items'> = {
    processor: { StartAt: processor.StartAt, States: processor.States },
    executionType: processor.ProcessorConfig?.ExecutionType === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
    selectorInput: effective,
    context,
    maxConcurrency,
    ...(toleratedFailureCount !== undefined ? { toleratedFailureCount } : {}),
    ...(toleratedFailurePercentage !== undefined ? { toleratedFailurePercentage } : {}),
  };
  const selector = state.ItemSelector ?? state.Parameters;
  if (selector !== undefined) settings.itemSelector = selector;
  const reader = state.ItemReader as Record<string, unknown> | undefined;
  if (reader) settings.reader = resolveItemReader(reader, effective, context, evaluate);
  const batcher = state.ItemBatcher as Record<string, unknown> | undefined;
  if (batcher) settings.batcher = resolveItemBatcher(batcher, effective, context, evaluate);
  const writer = state.ResultWriter as Record<string, unknown> | undefined;
  if (writer) {
    const parameters = writer.Parameters ?? writer.Arguments;
    const evaluated = parameters !== undefined ? evaluate.parameters(parameters, effective, context) : undefined;
    settings.resultWriter = readResultWriterSpec(writer, evaluated);
  }
  return settings;
}

/** The map run's ARN: the state machine's, as a mapRun, with the Label (or a UUID) and the run's UUID. */
export function buildMapRunArn(stateMachineArn: string, label: string | undefined, newId: () => string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':mapRun:')}/${label ?? newId()}:${newId()}`;
}

/** The state machine a map run's children run: `stateMachine:<name>/<label or UUID>`. */
export function childStateMachineArn(mapRunArn: string): string {
  return mapRunArn.replace(':mapRun:', ':stateMachine:').replace(/:[^:]+$/, '');
}

function resolveItemReader(
  reader: Record<string, unknown>,
  effective: unknown,
  context: unknown,
  evaluate: MapRunEvaluators,
): ItemReaderSpec {
  const config = (reader.ReaderConfig ?? {}) as Record<string, unknown>;
  const parameters = reader.Parameters ?? reader.Arguments;
  // MaxItemsPath must name an integer (States.Runtime); a negative one fails the reader later
  const maxItems =
    config.MaxItemsPath !== undefined
      ? readInteger(
          evaluate.readPath(String(config.MaxItemsPath), effective, context),
          'MaxItemsPath',
          String(config.MaxItemsPath),
        )
      : Number(config.MaxItems ?? 0);
  return {
    resource: String(reader.Resource),
    parameters: (parameters !== undefined
      ? evaluate.parameters(parameters, effective, context)
      : {}) as ItemReaderSpec['parameters'],
    readerConfig: {
      ...(config.InputType !== undefined ? { InputType: String(config.InputType) } : {}),
      ...(config.CSVHeaderLocation !== undefined ? { CSVHeaderLocation: String(config.CSVHeaderLocation) } : {}),
      ...(Array.isArray(config.CSVHeaders) ? { CSVHeaders: config.CSVHeaders.map(String) } : {}),
      ...(config.CSVDelimiter !== undefined ? { CSVDelimiter: String(config.CSVDelimiter) } : {}),
      ...(config.ItemsPointer !== undefined ? { ItemsPointer: String(config.ItemsPointer) } : {}),
    },
    maxItems,
  };
}

function resolveItemBatcher(
  batcher: Record<string, unknown>,
  effective: unknown,
  context: unknown,
  evaluate: MapRunEvaluators,
): ItemBatcherSpec {
  const count = (field: 'MaxItemsPerBatch' | 'MaxInputBytesPerBatch'): number => {
    const path = batcher[`${field}Path`];
    const value =
      path !== undefined
        ? readInteger(evaluate.readPath(String(path), effective, context), `${field}Path`, String(path))
        : Number(batcher[field] ?? 0);
    if (value < 0) throw new StatesError('States.Runtime', `${field} cannot be negative.`);
    return value;
  };
  return {
    maxItemsPerBatch: count('MaxItemsPerBatch'),
    maxInputBytesPerBatch: count('MaxInputBytesPerBatch'),
    ...(batcher.BatchInput !== undefined
      ? { batchInput: evaluate.parameters(batcher.BatchInput, effective, context) }
      : {}),
  };
}

/** A *Path value as AWS quotes it in its "not a valid integer/float" messages. */
function quote(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

/** An integer *Path value; a numeric string counts, as on AWS. */
function readInteger(value: unknown, field: string, path: string): number {
  const parsed = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof parsed !== 'number' || !Number.isInteger(parsed)) {
    throw new StatesError(
      'States.Runtime',
      `The ${field} field refers to value "${quote(value)}" which is not a valid integer: ${path}`,
    );
  }
  return parsed;
}

function readToleratedFailureCount(value: unknown, path: string): number {
  const count = readInteger(value, 'ToleratedFailureCountPath', path);
  if (count < 0) throw new StatesError('States.Runtime', 'ToleratedFailureCount cannot be negative.');
  return count;
}

function readToleratedFailurePercentage(value: unknown, path: string): number {
  const parsed =
    typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
  if (typeof parsed !== 'number' || !Number.isFinite(parsed)) {
    throw new StatesError(
      'States.Runtime',
      `The ToleratedFailurePercentagePath field refers to value "${quote(value)}" which is not a valid float: ${path}`,
    );
  }
  if (parsed < 0 || parsed > 100) {
    throw new StatesError('States.Runtime', 'ToleratedFailurePercentage must be between 0 and 100.');
  }
  return parsed;
}

/**
 * Whether failures exceed what the Map tolerates. Without either field nothing is tolerated; with
 * one or both, exceeding either fails the run (the percentage is of all items).
 */
export function exceedsToleratedFailures(
  failedItems: number,
  totalItems: number,
  tolerance: { toleratedFailureCount?: number; toleratedFailurePercentage?: number },
): boolean {
  if (failedItems === 0) return false;
  const { toleratedFailureCount: count, toleratedFailurePercentage: percentage } = tolerance;
  if (count === undefined && percentage === undefined) return true;
  if (count !== undefined && failedItems > count) return true;
  return percentage !== undefined && totalItems > 0 && (failedItems / totalItems) * 100 > percentage;
}

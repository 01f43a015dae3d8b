import { parse, type Details, type FieldName, type MRZFormat, type ParseResult } from 'mrz';

/** A machine-readable zone parsed by the `mrz` package, with access to the raw text of each field. */
export interface MrzReading {
  format: MRZFormat;
  lines: string[];
  result: ParseResult;
}

/** Total lengths of the ICAO formats when OCR returns the lines run together: TD1 3×30, TD2 2×36, TD3 2×44. */
const LINE_LENGTH_BY_TOTAL: ReadonlyMap<number, number> = new Map([
  [90, 30],
  [72, 36],
  [88, 44],
]);

/**
 * Splits OCR text of an MRZ into its lines. Textract returns them separated by line breaks, but spaces
 * creep into lines and the lines are sometimes run together; `«` is a common misreading of `<`.
 */
export function splitMrzLines(text: string): string[] {
  const upper = text.toUpperCase().replace(/[«‹]/g, '<');
  let lines = upper
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+/g, ''))
    .filter(Boolean);
  if (lines.length === 1) {
    const words = upper.trim().split(/\s+/);
    if (words.length > 1 && words.every((word) => word.length >= 30)) lines = words;
  }
  if (lines.length === 1) {
    const [joined = ''] = lines;
    const lineLength = LINE_LENGTH_BY_TOTAL.get(joined.length);
    if (lineLength) lines = joined.match(new RegExp(`.{${lineLength}}`, 'g')) ?? lines;
  }
  return lines;
}

/**
 * Parses an MRZ without autocorrection, so that a misprinted check digit stays visible.
 * @returns undefined when the text is no MRZ format the `mrz` package knows (wrong line count or lengths)
 */
export function readMrz(text: string): MrzReading | undefined {
  const lines = splitMrzLines(text);
  try {
    const result = parse(lines);
    return { format: result.format, lines, result };
  } catch {
    return undefined;
  }
}

/** The detail of a field, if the format has it. */
export function mrzDetail(reading: MrzReading, field: FieldName): Details | undefined {
  return reading.result.details.find((detail) => detail.field === field);
}

/**
 * The raw characters of a field, `<` fillers turned into spaces and trimmed. Unlike the parsed value, this
 * is there even when the `mrz` package judged the field invalid (the specimen state `UTO`, for example).
 */
export function mrzRawText(reading: MrzReading, field: FieldName): string | undefined {
  const detail = mrzDetail(reading, field);
  if (!detail) return undefined;
  const raw = reading.lines[detail.line]?.slice(detail.start, detail.end) ?? '';
  const text = raw.replace(/</g, ' ').replace(/\s+/g, ' ').trim();
  return text || undefined;
}

/**
 * Reads a PDF's text layer with pdf2json (pure JavaScript, no renderer): each text run becomes words
 * and lines with page-normalised boxes, as if OCR had read them with certainty. A PDF without a text
 * layer (a scan) yields pages without lines; pdf-scanned-image.ts finds the scan to OCR instead.
 */
import PDFParser, { type Output, type Page, type Text } from 'pdf2json';
import { lineFromWords, type PageLine, type PageText, type PageWord } from './page-text';
import { TextractError } from './textract-error';

/** pdf2json measures positions in "form units" of 16 pt (24 px at its 1.5 scale) and widths in pt. */
const pointsPerUnit = 16;
/** Text runs whose tops differ by less than this (in units) share a line. */
const sameLineTolerance = 0.35;
/** A gap wider than this (in pt) between two runs on a line starts a new LINE, as Textract splits columns. */
const columnGapPoints = 24;
/** Text in a PDF's text layer is what it is: Textract reports near-certainty for such words. */
const textLayerConfidence = 99.5;

function parsePdf(bytes: Buffer): Promise<Output> {
  return new Promise((resolve, reject) => {
    const parser = new PDFParser(null, false);
    parser.on('pdfParser_dataError', (error) => reject(error.parserError));
    parser.on('pdfParser_dataReady', (data) => resolve(data));
    // pdf2json re-reads `buffer.buffer` from offset 0 when the Buffer is a view into a larger
    // ArrayBuffer (as small Buffers from base64 decoding are, in Node's pool), so give it its own.
    const own = Buffer.alloc(bytes.length);
    bytes.copy(own);
    parser.parseBuffer(own, 0);
  });
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

interface Run {
  text: string;
  left: number;
  top: number;
  /** In points. */
  widthPoints: number;
  /** Font size in points (pdf2json's TS[1]). */
  sizePoints: number;
}

function toRuns(texts: Text[]): Run[] {
  return texts
    .map((text) => ({
      text: text.R.map((run) => decode(run.T)).join(''),
      left: text.x,
      top: text.y,
      widthPoints: text.w,
      sizePoints: text.R[0]?.TS[1] ?? 12,
    }))
    .filter((run) => run.text.trim() !== '');
}

/** Splits a run into words, placing each by its share of the run's characters (no glyph metrics). */
function runWords(run: Run, page: Page): PageWord[] {
  const pageWidthPoints = page.Width * pointsPerUnit;
  const pageHeightPoints = page.Height * pointsPerUnit;
  const words: PageWord[] = [];
  const characters = run.text.length;
  const pointsPerCharacter = run.widthPoints / Math.max(1, characters);
  const pattern = /\S+/g;
  for (let match = pattern.exec(run.text); match; match = pattern.exec(run.text)) {
    words.push({
      text: match[0],
      confidence: textLayerConfidence,
      box: {
        left: (run.left * pointsPerUnit + match.index * pointsPerCharacter) / pageWidthPoints,
        // pdf2json's y sits above the glyphs by about a quarter of the font size
        top: (run.top * pointsPerUnit + run.sizePoints * 0.25) / pageHeightPoints,
        width: (match[0].length * pointsPerCharacter) / pageWidthPoints,
        height: (run.sizePoints * 0.75) / pageHeightPoints,
      },
    });
  }
  return words;
}

function pageLines(page: Page): PageLine[] {
  const runs = toRuns(page.Texts).sort((a, b) => a.top - b.top || a.left - b.left);
  const rows: Run[][] = [];
  for (const run of runs) {
    const row = rows.find((candidate) => Math.abs(candidate[0]!.top - run.top) < sameLineTolerance);
    if (row) row.push(run);
    else rows.push([run]);
  }
  const lines: PageLine[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.left - b.left);
    let current: PageWord[] = [];
    let previousEnd = -Infinity;
    for (const run of row) {
      const startPoints = run.left * pointsPerUnit;
      if (current.length > 0 && startPoints - previousEnd > columnGapPoints) {
        lines.push(lineFromWords(current));
        current = [];
      }
      current.push(...runWords(run, page));
      previousEnd = startPoints + run.widthPoints;
    }
    if (current.length > 0) lines.push(lineFromWords(current));
  }
  return lines;
}

/**
 * The text of every page of a PDF. A PDF pdf2json cannot open (damaged, encrypted) is a
 * BadDocumentException, as on Textract.
 */
export async function readPdfTextLayer(bytes: Buffer): Promise<PageText[]> {
  let output: Output;
  try {
    output = await parsePdf(bytes);
  } catch (error) {
    throw new TextractError('BadDocumentException', `The PDF could not be read: ${String(error)}`);
  }
  return output.Pages.map((page) => ({ lines: pageLines(page), source: 'text-layer', ocrMs: 0 }));
}

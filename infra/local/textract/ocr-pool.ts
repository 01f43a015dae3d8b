/**
 * OCR for the local Textract: a small pool of tesseract.js workers behind one scheduler. Workers load the
 * English LSTM model bundled in `@tesseract.js-data/eng` from node_modules, never from the network, and
 * are only started when the first image arrives (most local runs never OCR anything).
 */
import os from 'node:os';
import path from 'node:path';
import {
  createScheduler,
  createWorker,
  OEM,
  PSM,
  type Line,
  type RecognizeResult,
  type Scheduler,
  type Word,
  type Worker,
} from 'tesseract.js';
import { readImageSize } from './document-format';
import { looksLikeMrz } from './mrz-reading';
import { lineFromWords, type PageLine, type PageText, type PageWord } from './page-text';
import { TextractError } from './textract-error';

/**
 * The integer-quantised "best" model: what tesseract.js itself picks for LSTM-only recognition. On the
 * test documents it reads as well as the larger 4.0.0 model and loads three times faster.
 */
const modelDirectory = path.join(
  path.dirname(require.resolve('@tesseract.js-data/eng/package.json')),
  '4.0.0_best_int',
);

/**
 * Lines whose words tesseract is this unsure of, on average, are noise (photos, guilloches, speckle):
 * on a blank or noisy scan it "reads" punctuation at 0–40 %, while printed text scores above 85 %.
 */
const minimumLineConfidence = 50;

/** What an MRZ may hold; the whitelist for re-reading its lines. */
const mrzCharacters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';

/** A pool of tesseract.js workers; `recognize` queues a page, `terminate` ends every worker. */
export class OcrPool {
  private started: Promise<{ scheduler: Scheduler; workers: Worker[] }> | undefined;

  /**
   * @param size Worker count: min(2, CPUs), since each worker takes a core and ~100 MB, and two already
   *   keep a KYC case's few documents from queueing behind one another.
   * @param log Told how long starting the workers took (the first document's extra latency).
   */
  constructor(
    private readonly size = Math.max(1, Math.min(2, os.availableParallelism())),
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  private start() {
    this.started ??= (async () => {
      const startedAt = performance.now();
      const scheduler = createScheduler();
      const workers = await Promise.all(
        Array.from({ length: this.size }, () =>
          createWorker('eng', OEM.LSTM_ONLY, {
            langPath: modelDirectory,
            gzip: true,
            // The model is read from node_modules each time a worker starts; nothing to cache or download.
            cacheMethod: 'none',
            logger: () => undefined,
            // Without a handler tesseract.js rethrows a failed job (say, an undecodable image) from its
            // message listener, which would crash the process; the job's promise rejects either way.
            errorHandler: () => undefined,
          }),
        ),
      );
      for (const worker of workers) scheduler.addWorker(worker);
      this.log(`textract: ${workers.length} OCR workers ready in ${Math.round(performance.now() - startedAt)} ms`);
      return { scheduler, workers };
    })().catch((error: unknown) => {
      // let the next document try again rather than fail for good
      this.started = undefined;
      throw error;
    });
    return this.started;
  }

  /**
   * OCRs one PNG or JPEG page into lines and words with normalised boxes. With `mrz`, lines that look
   * like a machine-readable zone are read a second time on their own, with only MRZ characters allowed
   * (see {@link PageLine.mrzReread}). The page's `ocrMs` is the wall time of its jobs, including any
   * wait for a free worker when more pages arrive than there are workers.
   */
  async recognize(image: Buffer, format: 'png' | 'jpeg', options: { mrz?: boolean } = {}): Promise<PageText> {
    const size = readImageSize(image, format);
    if (!size || size.width === 0 || size.height === 0) {
      throw new TextractError('BadDocumentException', `The ${format.toUpperCase()} header is damaged`);
    }
    const { scheduler } = await this.start();
    const started = performance.now();
    let result: RecognizeResult;
    try {
      result = await scheduler.addJob('recognize', image, {}, { blocks: true, text: false });
    } catch (error) {
      throw new TextractError('BadDocumentException', `The image could not be decoded: ${String(error)}`);
    }
    const blocks = result.data.blocks ?? [];
    const lines: PageLine[] = [];
    for (const block of blocks) {
      for (const paragraph of block.paragraphs) {
        for (const line of paragraph.lines) {
          const converted = convertLine(line, size.width, size.height);
          if (converted) lines.push(converted);
        }
      }
    }
    if (options.mrz) await this.rereadMrzLines(scheduler, image, lines, size);
    return { lines, source: 'ocr', ocrMs: Math.round(performance.now() - started) };
  }

  /**
   * Re-reads MRZ-like lines one by one as raw lines (no layout analysis, no dictionary) with only MRZ
   * characters allowed, and their last three characters on their own. On a whole page tesseract reads
   * long filler runs and the digit after them badly (`<<<<2` as `<<<<?`); alone and restricted it
   * rarely does, except that it still drops a thin final `1` after fillers, which only the tail
   * reading keeps.
   */
  private async rereadMrzLines(
    scheduler: Scheduler,
    image: Buffer,
    lines: PageLine[],
    size: { width: number; height: number },
  ): Promise<void> {
    const read = async (rectangle: { left: number; top: number; right: number; bottom: number }, psm: string) => {
      const left = Math.max(0, Math.floor(rectangle.left));
      const top = Math.max(0, Math.floor(rectangle.top));
      const parameters = {
        rectangle: {
          left,
          top,
          width: Math.min(size.width, Math.ceil(rectangle.right)) - left,
          height: Math.min(size.height, Math.ceil(rectangle.bottom)) - top,
        },
        tessedit_char_whitelist: mrzCharacters,
        tessedit_pageseg_mode: psm,
      };
      const result = await scheduler.addJob('recognize', image, parameters, { text: true });
      return result.data.text.replace(/\s+/g, '');
    };
    const mrzLines = lines.filter((line) => looksLikeMrz(line.text));
    await Promise.all(
      mrzLines.map(async (line) => {
        // margins: a character's width at the ends (OCR drops a thin last `1` in a tight box), a third
        // of the height above and below
        const height = line.box.height * size.height;
        const left = line.box.left * size.width;
        const right = (line.box.left + line.box.width) * size.width;
        const top = line.box.top * size.height - height / 3;
        const bottom = (line.box.top + line.box.height) * size.height + height / 3;
        const cell = (right - left) / Math.max(30, line.text.replace(/\s+/g, '').length);
        try {
          const [whole, tail] = await Promise.all([
            read({ left: left - height, top, right: right + height, bottom }, PSM.RAW_LINE),
            read({ left: right - 3 * cell - 2, top, right: right + height, bottom }, PSM.SINGLE_LINE),
          ]);
          if (whole !== '') line.mrzReread = { line: whole, tail };
        } catch {
          // the page reading stands on its own
        }
      }),
    );
  }

  /** Ends every worker thread (waiting for each, so no thread outlives the endpoint). */
  async terminate(): Promise<void> {
    const started = this.started;
    this.started = undefined;
    if (!started) return;
    const { workers } = await started.catch(() => ({ workers: [] as Worker[] }));
    await Promise.all(workers.map((worker) => worker.terminate().catch(() => undefined)));
  }
}

function meanSymbolConfidence(word: Word): number {
  const symbols = word.symbols ?? [];
  if (symbols.length === 0) return word.confidence;
  return symbols.reduce((sum, symbol) => sum + symbol.confidence, 0) / symbols.length;
}

function convertLine(line: Line, width: number, height: number): PageLine | undefined {
  const kept = line.words.filter((word) => word.text.trim() !== '');
  if (kept.length === 0) return undefined;
  // LSTM word confidence collapses for strings no dictionary knows (an MRZ line scores 0 % while every
  // character in it scores 95 %+); on MRZ lines the characters' mean is the honest figure.
  const mrzLine = looksLikeMrz(kept.map((word) => word.text.trim()).join(''));
  const words: PageWord[] = kept.map((word) => ({
    text: word.text.trim(),
    confidence: mrzLine ? meanSymbolConfidence(word) : word.confidence,
    box: {
      left: word.bbox.x0 / width,
      top: word.bbox.y0 / height,
      width: (word.bbox.x1 - word.bbox.x0) / width,
      height: (word.bbox.y1 - word.bbox.y0) / height,
    },
  }));
  const converted = lineFromWords(words);
  if (!/[A-Za-z0-9]/.test(converted.text)) return undefined;
  if (converted.confidence < minimumLineConfidence) return undefined;
  return converted;
}

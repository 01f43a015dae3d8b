/**
 * The text of one page as the local Textract sees it, whatever it came from (OCR of an image or a PDF's
 * text layer). Positions are normalised to the page (0–1 from the top-left), as Textract reports them.
 */

/** A rectangle as a fraction of the page's width and height. */
export interface PageBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** One word, with its confidence in percent (0–100). */
export interface PageWord {
  text: string;
  confidence: number;
  box: PageBox;
}

/** One line of text, its words in reading order. */
export interface PageLine {
  text: string;
  confidence: number;
  box: PageBox;
  words: PageWord[];
  /**
   * For an MRZ-like line in an image: the line read again alone, and its last three characters on their
   * own, with only MRZ characters allowed.
   */
  mrzReread?: { line: string; tail: string };
}

/** Everything read from one page. */
export interface PageText {
  lines: PageLine[];
  /** `ocr` for images, `text-layer` for PDFs with text. */
  source: 'ocr' | 'text-layer';
  /** Time spent recognising the page, in ms (0 for a text layer). */
  ocrMs: number;
}

/** The smallest box around `boxes` (all on the same page). */
export function unionBox(boxes: readonly PageBox[]): PageBox {
  if (boxes.length === 0) return { left: 0, top: 0, width: 0, height: 0 };
  const left = Math.min(...boxes.map((box) => box.left));
  const top = Math.min(...boxes.map((box) => box.top));
  const right = Math.max(...boxes.map((box) => box.left + box.width));
  const bottom = Math.max(...boxes.map((box) => box.top + box.height));
  return { left, top, width: right - left, height: bottom - top };
}

/** Mean confidence of some words (Textract reports a line's as its words'). */
export function meanConfidence(words: readonly { confidence: number }[]): number {
  if (words.length === 0) return 0;
  return words.reduce((sum, word) => sum + word.confidence, 0) / words.length;
}

/** Builds a line from its words, joining their text with single spaces. */
export function lineFromWords(words: PageWord[]): PageLine {
  return {
    text: words.map((word) => word.text).join(' '),
    confidence: meanConfidence(words),
    box: unionBox(words.map((word) => word.box)),
    words,
  };
}

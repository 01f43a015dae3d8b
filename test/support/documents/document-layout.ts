/**
 * A format-neutral description of a document page, so that one layout renders identically (as far as the
 * text goes) to PNG, JPEG and a PDF with a text layer.
 */

/** Output format of a rendered document. */
export type DocumentFormat = 'png' | 'jpeg' | 'pdf';

/** Typefaces available in every format: DejaVu in images, the PDF standard fonts in PDFs. */
export type LayoutFont = 'sans' | 'sans-bold' | 'mono' | 'mono-bold';

/** A run of text; `y` is its baseline, in pixels from the top. */
export interface LayoutText {
  kind: 'text';
  text: string;
  x: number;
  y: number;
  size: number;
  font: LayoutFont;
  color?: string;
}

/** A filled rectangle (backgrounds, photo placeholders, rules). */
export interface LayoutRect {
  kind: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
  color: string;
}

/** One page: size in pixels (images are rendered 1:1; PDFs at 0.75 pt per pixel). */
export interface DocumentLayout {
  width: number;
  height: number;
  background: string;
  items: (LayoutText | LayoutRect)[];
}

/** Builds a layout top-down, one text line after another, so document templates stay short. */
export class LayoutBuilder {
  readonly items: (LayoutText | LayoutRect)[] = [];
  private cursor: number;

  constructor(
    readonly width: number,
    readonly height: number,
    readonly background = '#ffffff',
    top = 60,
  ) {
    this.cursor = top;
  }

  /** Moves the cursor down by `size * spacing` and writes a line at `x`. */
  line(text: string, options: { x?: number; size?: number; font?: LayoutFont; spacing?: number; color?: string } = {}) {
    const size = options.size ?? 26;
    this.cursor += Math.round(size * (options.spacing ?? 1.6));
    this.items.push({
      kind: 'text',
      text,
      x: options.x ?? 60,
      y: this.cursor,
      size,
      font: options.font ?? 'sans',
      color: options.color,
    });
    return this;
  }

  /** A `Label: value` line, the form convention the local Textract reads key-value pairs from. */
  field(label: string, value: string, options: { x?: number; size?: number; spacing?: number } = {}) {
    return this.line(`${label}: ${value}`, options);
  }

  gap(pixels: number) {
    this.cursor += pixels;
    return this;
  }

  rect(x: number, y: number, width: number, height: number, color: string) {
    this.items.push({ kind: 'rect', x, y, width, height, color });
    return this;
  }

  /** Current baseline, for placing items beside the flow. */
  get y(): number {
    return this.cursor;
  }

  set y(value: number) {
    this.cursor = value;
  }

  build(): DocumentLayout {
    return { width: this.width, height: this.height, background: this.background, items: this.items };
  }
}

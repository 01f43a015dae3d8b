import { PDFDocument, StandardFonts, rgb, type PDFFont } from 'pdf-lib';
import type { DocumentLayout, LayoutFont } from './document-layout';

/** 96 px per inch in the layout, 72 pt per inch in PDF. */
const pointsPerPixel = 0.75;

/** The PDF standard fonts need no embedding and give every text run a real, extractable text layer. */
const standardFonts: Record<LayoutFont, StandardFonts> = {
  sans: StandardFonts.Helvetica,
  'sans-bold': StandardFonts.HelveticaBold,
  mono: StandardFonts.Courier,
  'mono-bold': StandardFonts.CourierBold,
};

function parseColor(color: string | undefined) {
  const hex = (color ?? '#111111').replace('#', '');
  const full =
    hex.length === 3
      ? hex
          .split('')
          .map((c) => c + c)
          .join('')
      : hex;
  const value = Number.parseInt(full, 16);
  return rgb(((value >> 16) & 255) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255);
}

/**
 * Writes a layout as a one-page PDF. The creation date is fixed, so that the same layout always gives
 * the same bytes (tests and the bench compare runs).
 */
export async function renderLayoutToPdf(layout: DocumentLayout): Promise<Buffer> {
  const document = await PDFDocument.create();
  document.setCreationDate(new Date('2025-01-01T00:00:00Z'));
  document.setModificationDate(new Date('2025-01-01T00:00:00Z'));
  document.setProducer('TrustFlow test documents');
  const fonts = new Map<LayoutFont, PDFFont>();
  for (const [name, standard] of Object.entries(standardFonts) as [LayoutFont, StandardFonts][]) {
    fonts.set(name, await document.embedFont(standard));
  }
  const width = layout.width * pointsPerPixel;
  const height = layout.height * pointsPerPixel;
  const page = document.addPage([width, height]);
  page.drawRectangle({ x: 0, y: 0, width, height, color: parseColor(layout.background) });
  for (const item of layout.items) {
    if (item.kind === 'rect') {
      page.drawRectangle({
        x: item.x * pointsPerPixel,
        y: height - (item.y + item.height) * pointsPerPixel,
        width: item.width * pointsPerPixel,
        height: item.height * pointsPerPixel,
        color: parseColor(item.color),
      });
    } else {
      page.drawText(item.text, {
        x: item.x * pointsPerPixel,
        y: height - item.y * pointsPerPixel,
        size: item.size * pointsPerPixel,
        font: fonts.get(item.font)!,
        color: parseColor(item.color),
      });
    }
  }
  return Buffer.from(await document.save());
}

/**
 * A "scanned" PDF: the image drawn over a whole page, no text layer, as scanner apps produce them. JPEGs
 * are embedded as they are (DCTDecode), PNGs re-encoded by pdf-lib (Flate).
 */
export async function scanToPdf(image: Buffer): Promise<Buffer> {
  const document = await PDFDocument.create();
  document.setCreationDate(new Date('2025-01-01T00:00:00Z'));
  document.setModificationDate(new Date('2025-01-01T00:00:00Z'));
  const isJpeg = image[0] === 0xff && image[1] === 0xd8;
  const embedded = isJpeg ? await document.embedJpg(image) : await document.embedPng(image);
  const width = embedded.width * pointsPerPixel;
  const height = embedded.height * pointsPerPixel;
  document.addPage([width, height]).drawImage(embedded, { x: 0, y: 0, width, height });
  return Buffer.from(await document.save());
}

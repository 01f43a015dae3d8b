/**
 * The scan inside a PDF without a text layer. Scanners and phone apps write each page as one JPEG
 * (a DCTDecode image XObject) drawn over the whole page; its bytes are a JPEG file as they stand, so
 * OCR can read them without rendering the PDF. Other image encodings (Flate, JBIG2, CCITT) would need a
 * PDF renderer, which the local endpoint does not have.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';

function isJpeg(stream: PDFRawStream): boolean {
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  const filters = filter instanceof PDFArray ? filter.asArray() : [filter];
  // a JPEG stream with a further filter on top (e.g. Flate) is not a plain JPEG file
  return filters.length === 1 && filters[0] === PDFName.of('DCTDecode');
}

function area(stream: PDFRawStream): number {
  const width = stream.dict.lookup(PDFName.of('Width'));
  const height = stream.dict.lookup(PDFName.of('Height'));
  return width instanceof PDFNumber && height instanceof PDFNumber ? width.asNumber() * height.asNumber() : 0;
}

/** The largest JPEG image on the first page of `pdf`, or undefined when it has none (or cannot be read). */
export async function findScannedJpeg(pdf: Buffer): Promise<Buffer | undefined> {
  let document: PDFDocument;
  try {
    document = await PDFDocument.load(pdf, { ignoreEncryption: true, updateMetadata: false });
  } catch {
    return undefined;
  }
  const page = document.getPages()[0];
  const xObjects = page?.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  if (!xObjects) return undefined;
  let best: PDFRawStream | undefined;
  for (const [, reference] of xObjects.entries()) {
    const object = document.context.lookup(reference);
    if (!(object instanceof PDFRawStream)) continue;
    if (object.dict.lookup(PDFName.of('Subtype')) !== PDFName.of('Image') || !isJpeg(object)) continue;
    if (!best || area(object) > area(best)) best = object;
  }
  return best ? Buffer.from(best.contents) : undefined;
}

/**
 * What kind of file a document is, from its first bytes (as Textract does: the upload's name and
 * content type are not trusted), and an image's pixel size from its header, which OCR boxes are
 * normalised by.
 */

/** The formats Textract's synchronous operations read. TIFF is recognised but not read locally. */
export type DocumentFormat = 'png' | 'jpeg' | 'pdf' | 'tiff';

/** Identifies a document by its magic bytes; undefined when it is none of Textract's formats. */
export function detectDocumentFormat(bytes: Buffer): DocumentFormat | undefined {
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.readUInt32BE(4) === 0x0d0a1a0a) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 4 && (bytes.readUInt32BE(0) === 0x49492a00 || bytes.readUInt32BE(0) === 0x4d4d002a)) {
    return 'tiff';
  }
  // PDF readers accept the header anywhere in the first KiB (some generators prepend junk).
  if (bytes.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  return undefined;
}

/** Width and height in pixels. */
export interface ImageSize {
  width: number;
  height: number;
}

/** Reads a PNG's IHDR or a JPEG's first SOFn marker; undefined if the header is damaged. */
export function readImageSize(bytes: Buffer, format: 'png' | 'jpeg'): ImageSize | undefined {
  if (format === 'png') {
    if (bytes.length < 24 || bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1]!;
    // fill bytes and standalone markers carry no length
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    const length = bytes.readUInt16BE(offset + 2);
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    }
    offset += 2 + length;
  }
  return undefined;
}

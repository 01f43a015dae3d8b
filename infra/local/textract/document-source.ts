/**
 * Turns a request's Document (`Bytes`, base64 in JSON, or an `S3Object` in the local S3) into bytes,
 * then into page text: OCR for PNG and JPEG, the text layer for PDF.
 */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { detectDocumentFormat, type DocumentFormat } from './document-format';
import type { OcrPool } from './ocr-pool';
import type { PageText } from './page-text';
import { findScannedJpeg } from './pdf-scanned-image';
import { readPdfTextLayer } from './pdf-text-layer';
import { TextractError } from './textract-error';

/** Textract's limit for synchronous operations, on Bytes and on S3 objects alike. */
export const maxDocumentBytes = 10 * 1024 * 1024;

/** A Document member as the JSON protocol carries it. */
export interface DocumentInput {
  Bytes?: string;
  S3Object?: { Bucket: string; Name: string; Version?: string };
}

async function readS3Object(s3: S3Client, location: NonNullable<DocumentInput['S3Object']>): Promise<Buffer> {
  let body: Uint8Array;
  try {
    const object = await s3.send(
      new GetObjectCommand({ Bucket: location.Bucket, Key: location.Name, VersionId: location.Version }),
    );
    if ((object.ContentLength ?? 0) > maxDocumentBytes) {
      throw new TextractError('DocumentTooLargeException', 'S3 object size is more than the maximum limit');
    }
    body = await object.Body!.transformToByteArray();
  } catch (error) {
    if (error instanceof TextractError) throw error;
    // Textract's own wording: it cannot tell a missing object from a forbidden one
    throw new TextractError(
      'InvalidS3ObjectException',
      `Unable to get object metadata from S3. Check object key, region and/or access permissions. (${(error as Error).name})`,
    );
  }
  return Buffer.from(body);
}

/** The document's bytes, from the request itself or from S3. */
export async function loadDocumentBytes(document: DocumentInput, s3: () => S3Client): Promise<Buffer> {
  if (document.S3Object) return readS3Object(s3(), document.S3Object);
  const bytes = Buffer.from(document.Bytes ?? '', 'base64');
  if (bytes.length === 0) throw new TextractError('InvalidParameterException', 'Document.Bytes is empty');
  return bytes;
}

/** A document read into pages of text. */
export interface ReadDocument {
  format: DocumentFormat;
  pages: PageText[];
}

/**
 * Reads a single-page document, as Textract's synchronous operations require: PNG and JPEG through OCR,
 * PDF through its text layer, or, for a scan without one, through OCR of the JPEG it embeds. A PDF with
 * neither reads as a page without text. A multi-page PDF, a TIFF (which Textract reads but the local
 * endpoint does not) or anything else is an UnsupportedDocumentException.
 */
export async function readDocument(
  bytes: Buffer,
  ocr: OcrPool,
  options: { mrz?: boolean } = {},
): Promise<ReadDocument> {
  if (bytes.length > maxDocumentBytes) {
    throw new TextractError('DocumentTooLargeException', 'Document size exceeds the maximum limit of 10 MB');
  }
  const format = detectDocumentFormat(bytes);
  if (format === 'png' || format === 'jpeg') return { format, pages: [await ocr.recognize(bytes, format, options)] };
  if (format === 'pdf') {
    const pages = await readPdfTextLayer(bytes);
    if (pages.length !== 1) {
      throw new TextractError(
        'UnsupportedDocumentException',
        `Synchronous operations read single-page documents; this PDF has ${pages.length} pages`,
      );
    }
    if (pages[0]!.lines.length === 0) {
      const scan = await findScannedJpeg(bytes);
      if (scan) return { format, pages: [await ocr.recognize(scan, 'jpeg', options)] };
    }
    return { format, pages };
  }
  throw new TextractError(
    'UnsupportedDocumentException',
    format === 'tiff'
      ? 'TIFF documents are not supported by the local Textract endpoint; use PNG, JPEG or PDF'
      : 'Request has unsupported document format',
  );
}

/**
 * Magic-number signatures. The accepted types (PNG, JPEG, PDF) decide acceptance; the others only
 * make a rejection reason precise ("contains bytes of a application/zip file").
 */
const signatures: { mime: string; offset: number; bytes: number[] }[] = [
  { mime: 'image/png', offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mime: 'image/jpeg', offset: 0, bytes: [0xff, 0xd8, 0xff] },
  { mime: 'application/pdf', offset: 0, bytes: [...Buffer.from('%PDF-')] },
  { mime: 'image/gif', offset: 0, bytes: [...Buffer.from('GIF8')] },
  { mime: 'image/webp', offset: 8, bytes: [...Buffer.from('WEBP')] },
  { mime: 'image/heic', offset: 4, bytes: [...Buffer.from('ftypheic')] },
  { mime: 'image/tiff', offset: 0, bytes: [0x49, 0x49, 0x2a, 0x00] },
  { mime: 'image/tiff', offset: 0, bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { mime: 'application/zip', offset: 0, bytes: [0x50, 0x4b, 0x03, 0x04] },
  { mime: 'application/x-msdownload', offset: 0, bytes: [0x4d, 0x5a] },
  { mime: 'application/x-elf', offset: 0, bytes: [0x7f, 0x45, 0x4c, 0x46] },
];

/** The MIME type the bytes really are, from their magic numbers; undefined when unrecognised. */
export function detectContentType(bytes: Uint8Array): string | undefined {
  return signatures.find(
    ({ offset, bytes: expected }) =>
      bytes.length >= offset + expected.length && expected.every((byte, i) => bytes[offset + i] === byte),
  )?.mime;
}

import path from 'node:path';
import { PassThrough } from 'node:stream';
import { deflateSync } from 'node:zlib';
import * as PImage from 'pureimage';
import type { DocumentLayout, LayoutFont } from './document-layout';

/** pureimage keys fonts by family name; these are ours, so they cannot clash with a caller's. */
const fontFamilies: Record<LayoutFont, { family: string; file: string }> = {
  sans: { family: 'TrustFlowSans', file: 'DejaVuSans.ttf' },
  'sans-bold': { family: 'TrustFlowSansBold', file: 'DejaVuSans-Bold.ttf' },
  mono: { family: 'TrustFlowMono', file: 'DejaVuSansMono.ttf' },
  'mono-bold': { family: 'TrustFlowMonoBold', file: 'DejaVuSansMono-Bold.ttf' },
};

let fontsLoaded = false;

/** Registers the DejaVu TTFs shipped in node_modules (nothing is downloaded). */
function loadFonts(): void {
  if (fontsLoaded) return;
  const directory = path.dirname(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
  for (const { family, file } of Object.values(fontFamilies)) {
    PImage.registerFont(path.join(directory, file), family).loadSync();
  }
  fontsLoaded = true;
}

/** `#rgb` or `#rrggbb` → [r, g, b]. */
function parseHexColor(color: string): [number, number, number] {
  const hex = color.replace('#', '');
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  const value = Number.parseInt(full, 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/**
 * Fills a rectangle straight in the RGBA buffer: pureimage's fillRect checks clipping pixel by pixel,
 * which takes seconds per page under jest.
 */
function fillRect(bitmap: PImage.Bitmap, x: number, y: number, width: number, height: number, color: string): void {
  const [r, g, b] = parseHexColor(color);
  const left = Math.max(0, Math.round(x));
  const right = Math.min(bitmap.width, Math.round(x + width));
  const top = Math.max(0, Math.round(y));
  const bottom = Math.min(bitmap.height, Math.round(y + height));
  if (left >= right || top >= bottom) return;
  const row = new Uint8Array((right - left) * 4);
  for (let i = 0; i < row.length; i += 4) row.set([r, g, b, 255], i);
  for (let line = top; line < bottom; line++) bitmap.data.set(row, (line * bitmap.width + left) * 4);
}

/** Paints a layout onto a pureimage bitmap. */
export function paintLayout(layout: DocumentLayout): PImage.Bitmap {
  loadFonts();
  const bitmap = PImage.make(layout.width, layout.height);
  const context = bitmap.getContext('2d');
  fillRect(bitmap, 0, 0, layout.width, layout.height, layout.background);
  for (const item of layout.items) {
    if (item.kind === 'rect') {
      fillRect(bitmap, item.x, item.y, item.width, item.height, item.color);
    } else {
      context.fillStyle = item.color ?? '#111111';
      context.font = `${item.size}px ${fontFamilies[item.font].family}`;
      context.fillText(item.text, item.x, item.y);
    }
  }
  return bitmap;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * An RGB PNG through node:zlib. pureimage's PNG path (pngjs, filtering in JavaScript) takes over ten
 * seconds a page under jest; this takes a few dozen milliseconds.
 */
function encodePng(bitmap: PImage.Bitmap): Buffer {
  const { width, height, data } = bitmap;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const rowStart = y * (width * 3 + 1);
    raw[rowStart] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const source = (y * width + x) * 4;
      const target = rowStart + 1 + x * 3;
      raw[target] = data[source]!;
      raw[target + 1] = data[source + 1]!;
      raw[target + 2] = data[source + 2]!;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter method quirks, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Encodes a bitmap as PNG or JPEG (quality 85: real scans are lossy, which OCR must cope with). */
export async function encodeBitmap(bitmap: PImage.Bitmap, format: 'png' | 'jpeg'): Promise<Buffer> {
  if (format === 'png') return encodePng(bitmap);
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => stream.on('end', resolve));
  await PImage.encodeJPEGToStream(bitmap, stream, 85);
  await ended;
  return Buffer.concat(chunks);
}

import type { IncomingMessage } from 'node:http';

/** The body was larger than the server accepts. */
export class RequestBodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The request body exceeds ${maxBytes} bytes`);
    this.name = 'RequestBodyTooLargeError';
  }
}

/**
 * Reads a whole request body. Past `maxBytes` it stops keeping bytes but drains the rest, so the
 * connection stays usable for the answer, then rejects with RequestBodyTooLargeError.
 */
export function readRequestBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    request.on('end', () =>
      size > maxBytes ? reject(new RequestBodyTooLargeError(maxBytes)) : resolve(Buffer.concat(chunks)),
    );
    request.on('error', reject);
  });
}

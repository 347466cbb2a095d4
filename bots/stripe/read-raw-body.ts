import type restify from 'restify';

/**
 * The request body exactly as sent: a signature is over these bytes, not over any parse of
 * them. Uses restify's copy when a body parser already read the stream.
 */
export function readRawBody(req: restify.Request, limit: number): Promise<Buffer> {
  const kept = (req as { rawBody?: unknown }).rawBody;
  if (Buffer.isBuffer(kept)) return Promise.resolve(kept);
  if (typeof kept === 'string') return Promise.resolve(Buffer.from(kept, 'utf8'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new RangeError(`body over ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

import type http from 'node:http';
import zlib from 'node:zlib';

/** Why a body was not taken, with the status that says so. */
export class RefusedBody extends Error {
  constructor(readonly status: 400 | 413 | 415, message: string) {
    super(message);
    this.name = 'RefusedBody';
  }
}

/** The sender went away before its body arrived: there is no one to answer. */
export class AbandonedBody extends Error {
  constructor() {
    super('the request was abandoned before its body arrived');
    this.name = 'AbandonedBody';
  }
}

type Decoder = zlib.Gunzip | zlib.Inflate | zlib.InflateRaw | zlib.BrotliDecompress;

/** Each accepted encoding's decoder, chosen with the body's first bytes in hand. */
const DECODERS: Record<string, (head: Buffer) => Decoder> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  // "deflate" is zlib-wrapped by the standard and raw by some clients: the header tells which.
  deflate: (head) => (head.length >= 2 && (head[0] & 0x0f) === 8 && head.readUInt16BE(0) % 31 === 0 ? zlib.createInflate() : zlib.createInflateRaw()),
  br: () => zlib.createBrotliDecompress(),
};

/**
 * A request's body, refused before it is read further: an encoding we do not decode (415),
 * more than `maxBytes` on the wire or once decoded (413, checked as the bytes arrive, so a
 * huge or inflating body never sits in memory), a body that does not decode (400).
 */
export function readBody(req: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  const encoding = (req.headers['content-encoding'] ?? '').trim().toLowerCase();
  const decoder = encoding === '' || encoding === 'identity' ? null : DECODERS[encoding];
  if (decoder === undefined) return Promise.reject(new RefusedBody(415, `Content-Encoding "${encoding.slice(0, 40)}" is not accepted`));
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge(maxBytes));

  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let decoded = 0;
    let settled = false;
    let inflate: Decoder | undefined;
    const finish = (err: Error | null, body?: Buffer) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      inflate?.removeAllListeners('data');
      inflate?.on('error', () => {});
      inflate?.destroy();
      if (err) reject(err);
      else resolve(body!);
    };
    const keep = (chunk: Buffer) => {
      decoded += chunk.length;
      if (decoded > maxBytes) return finish(tooLarge(maxBytes));
      chunks.push(chunk);
    };
    const decoding = (head: Buffer): Decoder => {
      inflate = decoder!(head);
      inflate.on('data', keep);
      inflate.on('error', () => finish(new RefusedBody(400, `the body is not valid ${encoding}`)));
      inflate.on('end', () => finish(null, Buffer.concat(chunks)));
      return inflate;
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) return finish(tooLarge(maxBytes));
      if (decoder) (inflate ?? decoding(chunk)).write(chunk);
      else keep(chunk);
    };
    req.on('data', onData);
    req.on('end', () => {
      if (decoder) (inflate ?? decoding(Buffer.alloc(0))).end();
      else finish(null, Buffer.concat(chunks));
    });
    req.on('close', () => {
      if (!req.complete) finish(new AbandonedBody());
    });
    req.on('error', () => finish(new AbandonedBody()));
  });
}

function tooLarge(maxBytes: number): RefusedBody {
  return new RefusedBody(413, `the body is over this route's limit of ${maxBytes} bytes`);
}

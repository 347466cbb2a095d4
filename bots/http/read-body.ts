import type http from 'node:http';
import zlib from 'node:zlib';

/** Why a body was not taken, with the status that says so. */
export class RefusedBody extends Error {
  constructor(readonly status: 400 | 413 | 415 | 503, message: string) {
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
 * The bytes of bodies held at once by this process, whatever their routes: many large bodies
 * arriving together wait their turn (503) instead of filling the memory.
 */
export class BodyBudget {
  private held = 0;

  constructor(private readonly maxBytes: number) {}

  take(bytes: number): boolean {
    if (this.held + bytes > this.maxBytes) return false;
    this.held += bytes;
    return true;
  }

  give(bytes: number): void {
    this.held -= bytes;
  }
}

/**
 * A request's body, refused before it is read further: an encoding we do not decode (415),
 * more than `maxBytes` on the wire or once decoded (413, checked as the bytes arrive, so a
 * huge or inflating body never sits in memory), more than the process's `budget` has left
 * (503), a body that does not decode (400). The bytes stay counted against the budget until
 * the caller gives them back.
 */
export function readBody(req: http.IncomingMessage, maxBytes: number, budget?: BodyBudget): Promise<Buffer> {
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
    let held = 0;
    let inflate: Decoder | undefined;
    const finish = (err: Error | null, body?: Buffer) => {
      if (settled) return;
      settled = true;
      if (err) {
        // Let go of what was read, so what is given back to the budget is really free.
        chunks.length = 0;
        budget?.give(held);
      }
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
      if (budget && !budget.take(chunk.length)) return finish(new RefusedBody(503, 'the server is busy receiving other requests; try again shortly'));
      held += chunk.length;
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

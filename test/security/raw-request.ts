import http from 'node:http';

export interface RawAnswer {
  /** The status, or 'closed' when the server ended the connection without one. */
  status: number | 'closed';
  body: string;
  /** Bytes of the body that were written before the answer came. */
  sent: number;
}

/**
 * A POST with full control of what goes on the wire: any headers, a body given whole, or
 * `streamBytes` of filler written in chunks (chunked, unless a Content-Length is given) until
 * the server answers or closes.
 */
export function rawPost(url: string, path: string, { headers = {}, body, streamBytes }: {
  headers?: Record<string, string>; body?: Buffer | string; streamBytes?: number;
}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    let sent = 0;
    let done = false;
    const finish = (answer: Omit<RawAnswer, 'sent'>) => {
      if (done) return;
      done = true;
      req.destroy();
      resolve({ ...answer, sent });
    };
    const req = http.request(`${url}${path}`, { method: 'POST', headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => finish({ status: res.statusCode ?? 0, body: text }));
      res.on('error', () => finish({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', () => setTimeout(() => finish({ status: 'closed', body: '' }), 200));
    if (body !== undefined) {
      sent = Buffer.byteLength(body);
      req.end(body);
      return;
    }
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = () => {
      while (!done && sent < (streamBytes ?? 0)) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!done) req.end();
    };
    pump();
  });
}

import type restify from 'restify';

/**
 * The network address a request came from. Behind `trustedProxies` proxies (TRUST_PROXY), the
 * one the outermost trusted proxy saw, read from the right of X-Forwarded-For: entries further
 * left are whatever the client wrote.
 */
export function clientAddress(req: restify.Request, trustedProxies: number): string {
  const socket = req.socket.remoteAddress ?? 'unknown';
  if (trustedProxies <= 0) return socket;
  const forwarded = String(req.headers['x-forwarded-for'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return forwarded[forwarded.length - trustedProxies] ?? forwarded[0] ?? socket;
}

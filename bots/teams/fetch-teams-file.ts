import { MAX_CUSTOMER_FILE_BYTES as MAX_FILE_BYTES } from '../../core/facade/core';
import type { FileSource } from './to-inbound';

/** Shared files are links on the tenant's SharePoint, pre-authorised for a short while. */
const FILE_HOSTS = ['.sharepoint.com', '.sharepoint-df.com', '.teams.microsoft.com'];

/**
 * Fetches a file a customer sent: over https from SharePoint/Teams, or from the connector that
 * delivered the message (inline pictures), which alone is given the bot's token. The serviceUrl
 * is the one the Bot Framework token vouched for (in the Emulator's mode it is whatever the
 * request said, which is why production refuses that mode). Reading stops just past the size
 * limit, so the core refuses an oversized file by its size without it being held whole.
 */
export async function fetchTeamsFile(source: FileSource, serviceUrl: string | undefined, authorization: () => Promise<string | undefined>): Promise<Buffer> {
  const url = new URL(source.url);
  const fromConnector = Boolean(serviceUrl) && url.origin === new URL(serviceUrl!).origin;
  const fromFileHost = url.protocol === 'https:' && FILE_HOSTS.some((host) => url.hostname.endsWith(host));
  if (!fromConnector && !fromFileHost) throw new Error(`refusing to fetch a Teams file from ${url.host}`);
  const token = fromConnector ? await authorization() : undefined;
  const res = await fetch(url, { headers: token ? { Authorization: token } : {}, redirect: 'follow', signal: AbortSignal.timeout(10_000) });
  if (!res.ok || !res.body) throw new Error(`Teams file fetch answered ${res.status}`);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = res.body.getReader();
  try {
    while (size <= MAX_FILE_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(Buffer.from(value));
      size += value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks);
}

import type { Prisma } from '../db/generated/client';
import { CHANNELS, type Channel } from '../channels';
import type { Allocation } from './payment-gateway';

/** A checkout's allocations as stored: JSON has no BigInt, so amounts travel as strings of minor units. */
export function allocationsToJson(allocations: Allocation[]): Prisma.InputJsonValue {
  return allocations.map((a) => ({ invoiceId: a.invoiceId, number: a.number, amount: a.amount.toString() }));
}

export function allocationsFromJson(json: Prisma.JsonValue): Allocation[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((item) => {
    const a = item as { invoiceId?: unknown; number?: unknown; amount?: unknown };
    if (typeof a.invoiceId !== 'number' || typeof a.number !== 'string' || typeof a.amount !== 'string' || !/^\d+$/.test(a.amount)) return [];
    return [{ invoiceId: a.invoiceId, number: a.number, amount: BigInt(a.amount) }];
  });
}

export type Origin = { channel: Channel; address: string };

/** Where a checkout was asked from; null when the stored value names no channel we know. */
export function originFromJson(json: Prisma.JsonValue): Origin | null {
  const o = (json ?? {}) as { channel?: unknown; address?: unknown };
  if (typeof o.channel !== 'string' || typeof o.address !== 'string' || !CHANNELS.includes(o.channel as Channel)) return null;
  return { channel: o.channel as Channel, address: o.address };
}

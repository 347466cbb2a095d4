import type { Prisma } from '../db/generated/client';
import type { Db } from '../db/open-database';

/** A notice in the merchant's notification list. */
export async function notifyMerchant(
  db: Db | Prisma.TransactionClient,
  scope: { orgId: number; customerId?: number },
  notice: { kind: string; message: string; data?: Prisma.InputJsonValue },
): Promise<void> {
  await db.notification.create({ data: { orgId: scope.orgId, customerId: scope.customerId, ...notice } });
}

import type { PrismaClient } from './generated/client';

/** The database as the core's modules take it: Prisma's client, on PGlite or PostgreSQL. */
export type Db = PrismaClient;

import type { Db } from "./types";

/** Outbox rows by status, and when the oldest pending one was created (for /metrics). */
export async function outboxStats(db: Db): Promise<{ counts: Record<string, number>; oldestPendingAt: Date | null }> {
  const [groups, oldest] = await Promise.all([
    db.slackMessage.groupBy({ by: ["status"], _count: { _all: true } }),
    db.slackMessage.findFirst({
      where: { status: "pending" },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    }),
  ]);
  return {
    counts: Object.fromEntries(groups.map((g) => [g.status, g._count._all])),
    oldestPendingAt: oldest?.createdAt ?? null,
  };
}

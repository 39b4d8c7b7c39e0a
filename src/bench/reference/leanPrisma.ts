// REFERENCE ONLY, deliberately Prisma-direct (see test/architecture.test.ts): a check-in stored with
// okr-bot's own generated Prisma client and schema in one read and one upsert, nothing else.
import { openDatabase } from "../../db/client";
import { type CheckInStore, runReferenceApp } from "./app";

void runReferenceApp((config, counting): CheckInStore => {
  let statements = 0;
  const { db, close } = openDatabase(config, counting ? { onQuery: () => (statements += 1) } : {});
  return {
    statements: () => statements,
    close,
    store: async (c) => {
      const kr = await db.keyResult.findFirst({
        where: { id: c.keyResultId, owner: { slackUserId: c.slackUserId } },
        select: { ownerId: true },
      });
      if (!kr?.ownerId) return false;
      const values = { value: c.value, confidence: c.confidence, authorId: kr.ownerId };
      await db.checkIn.upsert({
        where: { keyResultId_week: { keyResultId: c.keyResultId, week: c.week } },
        create: { ...values, keyResultId: c.keyResultId, week: c.week },
        update: values,
        select: { id: true },
      });
      return true;
    },
  };
});

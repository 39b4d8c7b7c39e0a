// Slack Events API deliveries already handled (ProcessedEvent), so a redelivery is handled once.
import { isUniqueViolation, type Tx } from "./types";

/** Records the event as handled; false when it already was. */
export async function recordEvent(db: Tx, eventId: string): Promise<boolean> {
  try {
    await db.processedEvent.create({ data: { eventId } });
    return true;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return false;
  }
}

export async function forgetEventsBefore(db: Tx, before: Date): Promise<void> {
  await db.processedEvent.deleteMany({ where: { receivedAt: { lt: before } } });
}

export async function forgetEvent(db: Tx, eventId: string): Promise<void> {
  await db.processedEvent.delete({ where: { eventId } });
}

// Files the bot shares (the digest's progress charts), sent once like messages: an outbox row is
// claimed before the upload, and when an upload's outcome was lost the thread is searched for the
// file (by its unique name) before uploading again.
import { renewClaim, type Settlement, settleMessage } from "../db/outbox";
import { slackErrorCode } from "../slack/client";
import type { ServiceDeps } from "./deps";
import { claim, pacerOf, PERMANENT_ERRORS, type Intent } from "./outbox";

export type UploadFile = { filename: string; title: string; bytes: Buffer; comment?: string };
/** As for messages (SendOutcome): `deferred` is given back for the next run, `failed` is for good. */
export type UploadOutcome = "sent" | "already_sent" | "in_flight" | "failed" | "deferred";

/** An upload is three calls, and Slack shares the file into the thread after the last: give one this long to show. */
const UPLOAD_MAY_LAND_MS = 60_000;

export async function uploadOnce(
  deps: ServiceDeps,
  intent: Intent & { threadTs: string },
  file: () => Promise<UploadFile> | UploadFile,
): Promise<UploadOutcome> {
  const claimed = await claim(deps, intent);
  if (claimed.status !== "claimed") return claimed.outcome.status === "sent" ? "already_sent" : claimed.outcome.status;
  const { message: row, token, mayHaveBeenPosted } = claimed;
  const settle = (data: Omit<Settlement, "ts" | "channel">) => settleMessage(deps.db, row.id, token, data);
  let built: UploadFile;
  try {
    built = await file();
  } catch (err) {
    await settle({ claimedAt: new Date(0), holderId: null, attemptedAt: null }).catch(() => undefined);
    throw err;
  }
  if (mayHaveBeenPosted) {
    const replies = await deps.slack.conversations
      .replies({ channel: intent.channel, ts: intent.threadTs, limit: 200 })
      .catch(() => null);
    if (!replies) {
      await settle({ claimedAt: new Date(0), holderId: null, attemptedAt: null });
      return "deferred"; // cannot tell whether it is there: try again later rather than risk a duplicate
    }
    if (
      (replies.messages ?? []).some((m) =>
        (m as { files?: Array<{ name?: string }> }).files?.some((f) => f.name === built.filename),
      )
    ) {
      await settle({ status: "sent", sentAt: deps.now, error: null });
      return "sent";
    }
    if (row.attemptedAt && Date.now() - row.attemptedAt.getTime() < UPLOAD_MAY_LAND_MS) {
      // Its previous holder started uploading it moments ago: it may still appear. A later run looks again.
      await settle({ claimedAt: new Date(0), holderId: null });
      return "deferred";
    }
  }
  await pacerOf(deps).wait(intent.channel);
  // Renew the claim right before uploading (and say when it was tried); if another run took it over, stop.
  if (!(await renewClaim(deps.db, row.id, token, new Date()))) return "in_flight";
  try {
    await deps.slack.files.uploadV2({
      channel_id: intent.channel,
      thread_ts: intent.threadTs,
      file: built.bytes,
      filename: built.filename,
      title: built.title,
      ...(built.comment ? { initial_comment: built.comment } : {}),
    });
    await settle({ status: "sent", sentAt: deps.now, error: null });
    return "sent";
  } catch (err) {
    const code = slackErrorCode(err);
    if (code && PERMANENT_ERRORS.has(code)) {
      deps.log.error(`upload ${intent.key} failed for good: ${code}`);
      await settle({ status: "failed", error: code });
      return "failed";
    }
    deps.log.warn(
      `upload ${intent.key} failed (${code ?? (err as Error).message}); the next run looks for it before trying again`,
    );
    await settle({ error: code ?? (err as Error).message, claimedAt: new Date(0), holderId: null, attemptedAt: null });
    return "deferred";
  }
}

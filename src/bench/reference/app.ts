// REFERENCE ONLY (not okr-bot): the floor the interactions benchmark compares okr-bot's check-in
// path with (issue 15 §2). A minimal Bolt app answering the same check-in form, against the same
// local Slack, that stores each check-in with a `CheckInStore` and acks as okr-bot does (the modal
// closes). It reads, checks and updates nothing else: no DM, no Home tab, no lookups.
import { App, HTTPReceiver, type LogLevel } from "@slack/bolt";
import { IDS } from "../../blocks/ids";
import { loadConfig } from "../../config";
import { isoWeekKey } from "../../domain/time";
import { COUNT_STATEMENTS, reportStatements } from "../botProcess";

export type CheckInToStore = {
  slackUserId: string;
  keyResultId: number;
  week: string;
  value: number;
  confidence: string;
};

export type CheckInStore = {
  /** Reads the key result (it must be the person's) and stores the check-in; false if it is not theirs. */
  store(checkIn: CheckInToStore): Promise<boolean>;
  /** SQL statements run so far (counted only when `counting`). */
  statements(): number;
  close(): Promise<void>;
};

export type StoreFactory = (
  database: ReturnType<typeof loadConfig>["database"],
  counting: boolean,
) => CheckInStore | Promise<CheckInStore>;

/** The form's values: `kr_value_<id>` → value, `kr_confidence_<id>` → confidence (one key result per form here). */
function parse(
  values: Record<string, Record<string, { value?: string | null; selected_option?: { value: string } | null }>>,
) {
  for (const [blockId, actions] of Object.entries(values)) {
    if (!blockId.startsWith(IDS.checkinBlocks.value)) continue;
    const keyResultId = Number(blockId.slice(IDS.checkinBlocks.value.length));
    const value = Number(actions[IDS.checkinInputs.value]?.value);
    const confidence =
      values[`${IDS.checkinBlocks.confidence}${keyResultId}`]?.[IDS.checkinInputs.confidence]?.selected_option?.value;
    if (Number.isFinite(value) && confidence) return { keyResultId, value, confidence };
  }
  return null;
}

export async function runReferenceApp(makeStore: StoreFactory): Promise<void> {
  const config = loadConfig();
  const counting = process.argv.includes(COUNT_STATEMENTS);
  const store = await makeStore(config.database, counting);
  const receiver = new HTTPReceiver({
    signingSecret: config.slack.signingSecret ?? "",
    customRoutes: [{ path: "/healthz", method: ["GET"], handler: (_req, res) => res.writeHead(200).end("ok") }],
  });
  const app = new App({
    token: config.slack.botToken ?? "",
    receiver,
    clientOptions: { ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}) },
    logLevel: config.logLevel as LogLevel,
  });
  app.view(IDS.views.checkin, async ({ ack, body, view }) => {
    const form = parse(view.state.values);
    if (!form) return ack({ response_action: "errors", errors: { form: "A value and a confidence, please" } });
    const stored = await store
      .store({ ...form, slackUserId: body.user.id, week: isoWeekKey(new Date(), "UTC") })
      .catch(() => false);
    if (!stored) return ack({ response_action: "errors", errors: { form: "Not saved, try again" } });
    await ack();
  });
  await app.start(config.port);
  process.on("SIGUSR2", () => reportStatements(store.statements()));
  process.once("SIGTERM", () => void app.stop().then(() => store.close().then(() => process.exit(0))));
}

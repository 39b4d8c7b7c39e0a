// "Measured from" in `/okr edit` against the real bot and real sources: a JSON endpoint and a CSV file
// served here, a port nothing listens on, and an endpoint that never answers. Picking a source shows
// its field, "Try it" shows what it reads (or why not), saving stores it and the export writes it.
import fs from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { IDS } from "../../src/blocks/ids";
import { loadSourcesConfig } from "../../src/config";
import { waitFor } from "../../src/sandbox";
import type { SandboxView } from "../../src/sandbox/types";
import { exportOkrsYaml } from "../../src/services/exportOkrs";
import { PROVIDERS } from "../helpers/databases";
import { addPeople, platformOkrs } from "../helpers/okrs";
import { startTestStack, type TestStack } from "../helpers/stack";

const UPTIME = {
  title: "Uptime seen from outside",
  owner: "U0ALICE",
  baseline: 99,
  target: 99.95,
  unit: "%",
  measured_by: "External monitoring",
};
const OKRS = platformOkrs({ keyResults: [UPTIME] });

let dir: string;
let http: Server;
let sourcesFile: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "okr-source-form-"));
  http = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/hang") return; // never answers: the source's timeout ends the read
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ data: { uptime: url.searchParams.get("region") === "eu" ? 99.7 : 99.91 } }));
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  // A port nothing listens on: taken, then let go.
  const free = createServer();
  await new Promise<void>((r) => free.listen(0, "127.0.0.1", r));
  const deadPort = (free.address() as AddressInfo).port;
  await new Promise<void>((r) => free.close(() => r()));
  fs.writeFileSync(path.join(dir, "costs.csv"), "month,cost_per_tx\n2026-10,0.12\n2026-11,0.10\n");
  sourcesFile = path.join(dir, "sources.yml");
  fs.writeFileSync(
    sourcesFile,
    `sources:
  - name: status-api
    kind: http-json
    url: ${base}/uptime
    allow_params: true
  - name: costs
    kind: csv
    path: ${path.join(dir, "costs.csv")}
  - name: down
    kind: http-json
    url: http://127.0.0.1:${deadPort}/uptime
    retries: 0
  - name: slow
    kind: http-json
    url: ${base}/hang
    timeout_seconds: 4
    retries: 0
`,
  );
});
afterAll(async () => {
  http.closeAllConnections();
  await new Promise<void>((r) => http.close(() => r()));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.each(PROVIDERS)("a key result's source in /okr edit on %s", (provider) => {
  let s: TestStack;
  const db = () => s.bot.database.db;
  beforeEach(async () => {
    s = await startTestStack(provider, new Date("2026-11-24T10:00:00Z"), {
      sources: loadSourcesConfig({ SOURCES_FILE: sourcesFile }),
    });
    addPeople(s.sandbox, ["U0ALICE", "U0LEAD", "U0MANAGER"], "Europe/London");
    await s.importYaml(OKRS);
  });
  afterEach(async () => s.close());

  /** The one key result (its title changes in the tests). */
  const kr = () => db().keyResult.findFirstOrThrow();
  const viewText = (v: SandboxView | undefined) => JSON.stringify(v?.view ?? {});
  const blockOf = (v: SandboxView, blockId: string) =>
    (v.view.blocks as Array<{ block_id?: string; element?: Record<string, unknown> }>).find(
      (b) => b.block_id === blockId,
    );

  async function openEdit(user: string): Promise<SandboxView> {
    const before = new Set(s.sandbox.views().map((v) => v.id));
    await s.requester.command({ user, text: "edit uptime" });
    return waitFor(
      () => s.sandbox.openViews(user).find((v) => !before.has(v.id) && v.callbackId === IDS.views.editKeyResult),
      { timeoutMs: 5000 },
    );
  }

  /** Sends an action in the modal and waits for the bot's views.update. */
  async function act(
    form: SandboxView,
    actionId: string,
    value: string | undefined,
    values: Record<string, string | string[]> = {},
  ): Promise<{ view: SandboxView; durationMs: number }> {
    const updates = s.sandbox.view(form.id)!.updates;
    const res = await s.requester.blockAction({
      user: "U0ALICE",
      actionId,
      ...(value !== undefined ? { value } : {}),
      container: { type: "view", view_id: form.id },
      values,
    });
    expect(res.status).toBe(200);
    const view = await waitFor(
      () => (s.sandbox.view(form.id)!.updates > updates ? s.sandbox.view(form.id) : undefined),
      {
        timeoutMs: 8000,
      },
    );
    return { view, durationMs: res.durationMs };
  }

  it("lists the configured sources, shows the field of the picked one keeping what was typed, tries it, and saves it", async () => {
    const form = await openEdit("U0ALICE");
    const select = blockOf(form, "kr_source_0");
    expect(select).toMatchObject({ type: "input", dispatch_action: true });
    expect((select!.element!.options as Array<{ value: string }>).map((o) => o.value)).toEqual([
      "_typed",
      "status-api",
      "costs",
      "down",
      "slow",
    ]);
    expect(select!.element!.initial_option).toMatchObject({ value: "_typed" });
    expect(blockOf(form, "kr_source_pointer_0")).toBeUndefined();

    // Picking a JSON source shows a pointer field; the title and target typed before stay.
    const picked = await act(form, "kr_source_0", "status-api", {
      kr_title_0: "Uptime seen from outside, p99",
      kr_target_0: "99.9",
    });
    expect(blockOf(picked.view, "kr_source_pointer_0")).toBeDefined();
    expect(blockOf(picked.view, "kr_source_column_0")).toBeUndefined();
    expect(blockOf(picked.view, "kr_title_0")!.element!.initial_value).toBe("Uptime seen from outside, p99");
    expect(blockOf(picked.view, "kr_target_0")!.element!.initial_value).toBe("99.9");
    expect(blockOf(picked.view, "kr_source_0")!.element!.initial_option).toMatchObject({ value: "status-api" });

    // Try it reads the endpoint with the pointer and parameters as typed, and keeps them.
    const tried = await act(picked.view, IDS.actions.trySource, undefined, {
      kr_source_pointer_0: "/data/uptime",
      kr_source_params_0: "region=eu",
    });
    expect(viewText(tried.view)).toContain("Reads *99.7 %* now.");
    expect(blockOf(tried.view, "kr_source_pointer_0")!.element!.initial_value).toBe("/data/uptime");
    expect(blockOf(tried.view, "kr_source_params_0")!.element!.initial_value).toBe("region=eu");
    expect(blockOf(tried.view, "kr_title_0")!.element!.initial_value).toBe("Uptime seen from outside, p99");

    // A CSV source: column and row.
    const csv = await act(tried.view, "kr_source_0", "costs");
    expect(blockOf(csv.view, "kr_source_pointer_0")).toBeUndefined();
    const cell = await act(csv.view, IDS.actions.trySource, undefined, {
      kr_source_column_0: "cost_per_tx",
      kr_source_row_0: "1",
    });
    expect(viewText(cell.view)).toContain("Reads *0.12 %* now.");

    // A source that cannot be reached: the reader's sentence.
    await act(cell.view, "kr_source_0", "down");
    const failed = await act(cell.view, IDS.actions.trySource, undefined, { kr_source_pointer_0: "/data/uptime" });
    expect(viewText(failed.view)).toContain("couldn't read down: connection refused");
    expect(await db().keyResult.count({ where: { sourceName: { not: null } } })).toBe(0);

    // Saving: the source, its parameters and auto are stored, recorded as edits, and exported.
    const saved = await s.requester.viewSubmission({
      user: "U0ALICE",
      view: { id: form.id },
      values: {
        kr_source_0: "status-api",
        kr_source_pointer_0: "/data/uptime",
        kr_source_params_0: "region=eu",
        kr_source_auto_0: ["auto"],
      },
    });
    expect(saved.outcome.action).toBe("closed");
    const after = await db().keyResult.findUniqueOrThrow({ where: { id: (await kr()).id }, include: { edits: true } });
    expect(after).toMatchObject({
      title: "Uptime seen from outside, p99",
      target: 99.9,
      sourceName: "status-api",
      auto: true,
    });
    expect(JSON.parse(after.sourceSpec!)).toEqual({ pointer: "/data/uptime", params: { region: "eu" } });
    expect(after.edits.map((e) => [e.field, e.before, e.after]).sort()).toEqual([
      ["auto", "false", "true"],
      ["source", null, JSON.stringify({ name: "status-api", pointer: "/data/uptime", params: { region: "eu" } })],
      ["target", "99.95", "99.9"],
      ["title", "Uptime seen from outside", "Uptime seen from outside, p99"],
    ]);
    const yaml = await exportOkrsYaml(db(), s.workspaceId, "2026-Q4");
    expect(yaml).toMatch(
      /source:\n\s+name: status-api\n\s+pointer: \/data\/uptime\n\s+params:\n\s+region: eu\n\s+auto: true/,
    );

    // The form opens again with the source as stored; "typed by its owner" takes it off.
    const again = await openEdit("U0ALICE");
    expect(blockOf(again, "kr_source_0")!.element!.initial_option).toMatchObject({ value: "status-api" });
    expect(blockOf(again, "kr_source_pointer_0")!.element!.initial_value).toBe("/data/uptime");
    expect(blockOf(again, "kr_source_auto_0")!.element!.initial_options).toMatchObject([{ value: "auto" }]);
    const typed = await s.requester.viewSubmission({
      user: "U0ALICE",
      view: { id: again.id },
      values: { kr_source_0: "_typed", kr_source_auto_0: [] },
    });
    expect(typed.outcome.action).toBe("closed");
    expect(await kr()).toMatchObject({ sourceName: null, sourceSpec: null, auto: false });
    expect(await exportOkrsYaml(db(), s.workspaceId, "2026-Q4")).not.toContain("source:");
  });

  it("Try it answers Slack at once and shows a read that times out when it ends", async () => {
    const form = await openEdit("U0ALICE");
    const picked = await act(form, "kr_source_0", "slow");
    const started = Date.now();
    const tried = await act(picked.view, IDS.actions.trySource, undefined, { kr_source_pointer_0: "/data/uptime" });
    expect(tried.durationMs).toBeLessThan(3000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3900);
    expect(viewText(tried.view)).toContain("couldn't read slow: timeout after 4 s");
  }, 20_000);

  it("a form saved while Try it still reads is left closed: the late answer is no error", async () => {
    const form = await openEdit("U0ALICE");
    const { view } = await act(form, "kr_source_0", "slow");
    const res = await s.requester.blockAction({
      user: "U0ALICE",
      actionId: IDS.actions.trySource,
      container: { type: "view", view_id: view.id },
      values: { kr_source_pointer_0: "/data/uptime" },
    });
    expect(res.status).toBe(200);
    const saved = await s.requester.viewSubmission({
      user: "U0ALICE",
      view: { id: view.id },
      values: { kr_source_pointer_0: "/data/uptime" },
    });
    expect(saved.outcome.action).toBe("closed");
    expect((await kr()).sourceName).toBe("slow");
    await waitFor(() => s.logs.some((l) => l.includes("was not updated (not_found)")), { timeoutMs: 8000 });
    expect(s.sandbox.view(view.id)!.open).toBe(false);
    expect(s.logs.join("\n")).not.toMatch(/failed|ERROR/);
  }, 20_000);

  it("refuses, under the field it is about, an empty pointer, a wrong field for the kind, an unknown source and auto without one", async () => {
    const form = await openEdit("U0ALICE");
    const { view } = await act(form, "kr_source_0", "status-api");
    const submit = async (values: Record<string, unknown>) => {
      const res = await s.requester.viewSubmission({ user: "U0ALICE", view: { id: view.id }, values: values as never });
      expect(res.outcome.action).toBe("errors");
      return JSON.parse(res.body).errors as Record<string, string>;
    };
    expect(await submit({ kr_source_pointer_0: "   " })).toEqual({
      kr_source_pointer_0: "Enter the JSON pointer to the number, such as /data/uptime.",
    });
    expect(await submit({ kr_source_pointer_0: "data/uptime" })).toEqual({
      kr_source_pointer_0: "should be a JSON pointer such as /data/uptime",
    });
    expect(await submit({ kr_source_pointer_0: "/data/uptime", kr_source_params_0: "region" })).toEqual({
      kr_source_params_0: "Write them as name=value, joined by &: region=eu&env=prod",
    });
    // Picked a CSV source but the form was not updated: it still shows a pointer.
    expect(await submit({ kr_source_0: "costs", kr_source_pointer_0: "/data/uptime" })).toEqual({
      kr_source_0: "costs is a csv source: it needs a column. Pick it again to show that field.",
    });
    // A name the sources file does not declare (a forged option): never read, never stored.
    const forged = { selected_option: { text: { type: "plain_text", text: "x" }, value: "warehouse" } };
    expect(await submit({ kr_source_0: forged, kr_source_pointer_0: "/data/uptime" })).toEqual({
      kr_source_0: '"warehouse" is not a configured source. Pick one of: status-api, costs, down, slow.',
    });
    expect(
      await submit({ kr_source_0: "_typed", kr_source_auto_0: ["auto"], kr_source_pointer_0: "/data/uptime" }),
    ).toEqual({
      kr_source_auto_0: "Pick where it is measured first: nothing to read.",
    });
    // Field errors of the key result and of its source come together.
    expect(await submit({ kr_source_pointer_0: "   ", kr_target_0: "99" })).toEqual({
      kr_source_pointer_0: "Enter the JSON pointer to the number, such as /data/uptime.",
      kr_target_0: "Baseline and target are both 99, so there is nothing to move.",
    });
    expect(await kr()).toMatchObject({ sourceName: null, auto: false, target: 99.95 });
  });

  it("keeps a source the sources file no longer declares while other fields change, and refuses to change it", async () => {
    await db().keyResult.update({
      where: { id: (await kr()).id },
      data: { sourceName: "retired", sourceSpec: JSON.stringify({ pointer: "/up", tolerance: 0.05 }), auto: true },
    });
    const form = await openEdit("U0ALICE");
    const select = blockOf(form, "kr_source_0")!;
    expect(select.element!.initial_option).toMatchObject({
      value: "retired",
      text: { text: "retired (not available now)" },
    });
    expect(blockOf(form, "kr_source_pointer_0")!.element!.initial_value).toBe("/up");

    const changed = await s.requester.viewSubmission({
      user: "U0ALICE",
      view: { id: form.id },
      values: { kr_source_pointer_0: "/down" },
    });
    expect(JSON.parse(changed.body).errors).toEqual({
      kr_source_0: '"retired" is not a configured source. Pick one of: status-api, costs, down, slow.',
    });
    const kept = await s.requester.viewSubmission({
      user: "U0ALICE",
      view: { id: form.id },
      values: { kr_unit_0: "percent" },
    });
    expect(kept.outcome.action).toBe("closed");
    expect(await kr()).toMatchObject({
      unit: "percent",
      sourceName: "retired",
      sourceSpec: JSON.stringify({ pointer: "/up", tolerance: 0.05 }),
      auto: true,
    });

    // A new source keeps the key result's tolerance.
    const next = await openEdit("U0ALICE");
    const saved = await s.requester.viewSubmission({
      user: "U0ALICE",
      view: { id: next.id },
      values: { kr_source_0: "status-api", kr_source_pointer_0: "/data/uptime" },
    });
    expect(saved.outcome.action).toBe("closed");
    expect(JSON.parse((await kr()).sourceSpec!)).toEqual({ pointer: "/data/uptime", tolerance: 0.05 });
  });
});

import type { WebClient } from "@slack/web-api";
import type { SlackSandbox } from "../../src/sandbox";
import { slackError, startSandbox, webClient } from "./support";

let sandbox: SlackSandbox;
let client: WebClient;

beforeAll(async () => {
  sandbox = await startSandbox();
  client = webClient(sandbox);
});
afterAll(() => sandbox.stop());
beforeEach(() => sandbox.reset());

describe("file upload (files.uploadV2 flow)", () => {
  test("uploadV2 into a thread stores the bytes and shares the file there", async () => {
    const parent = await client.chat.postMessage({ channel: "C1", text: "Q3 retro" });
    const csv = Buffer.from("objective,score\nShip it,0.7\n", "utf8");
    const res = await client.files.uploadV2({
      channel_id: "C1",
      thread_ts: parent.ts ?? "",
      file: csv,
      filename: "retro.csv",
      title: "Retro export",
      initial_comment: "Here is the export",
    });
    expect(res.ok).toBe(true);
    const [file] = sandbox.files();
    expect(file).toMatchObject({
      filename: "retro.csv",
      title: "Retro export",
      length: csv.length,
      uploaded: true,
      completed: true,
      channel: "C1",
      threadTs: parent.ts,
    });
    expect(file?.bytes?.equals(csv)).toBe(true);
    const share = sandbox.thread("C1", parent.ts ?? "")[1];
    expect(share).toMatchObject({
      text: "Here is the export",
      threadTs: parent.ts,
      files: [{ id: file?.id, name: "retro.csv", title: "Retro export" }],
    });
    expect(sandbox.calls.map((c) => c.method)).toEqual([
      "chat.postMessage",
      "files.getUploadURLExternal",
      "files.completeUploadExternal",
    ]);
  });

  test("several files in one DM message, from strings", async () => {
    await client.files.uploadV2({
      channel_id: "UALICE",
      initial_comment: "two files",
      file_uploads: [
        { content: "a,b\n1,2\n", filename: "a.csv" },
        { content: "# notes\n", filename: "notes.md" },
      ],
    });
    expect(sandbox.files().map((f) => [f.filename, f.bytes?.toString("utf8")])).toEqual([
      ["a.csv", "a,b\n1,2\n"],
      ["notes.md", "# notes\n"],
    ]);
    expect(sandbox.dmsTo("UALICE")[0]?.files?.map((f) => f.name)).toEqual(["a.csv", "notes.md"]);
  });

  test("raw bytes to the upload URL; completing an unknown or un-uploaded file fails", async () => {
    const got = await client.files.getUploadURLExternal({ filename: "x.bin", length: 3 });
    expect(got.upload_url?.startsWith(sandbox.url)).toBe(true);
    expect((await slackError(client.files.completeUploadExternal({ files: [{ id: got.file_id ?? "" }] }))).error).toBe(
      "file_not_found",
    );
    const up = await fetch(got.upload_url ?? "", { method: "POST", body: new Uint8Array([1, 2, 3]) });
    expect(up.status).toBe(200);
    await client.files.completeUploadExternal({ files: [{ id: got.file_id ?? "", title: "bin" }] });
    expect(sandbox.files()[0]?.bytes).toEqual(Buffer.from([1, 2, 3]));
    expect(sandbox.messages()).toEqual([]); // no channel: uploaded privately
    expect((await slackError(client.files.completeUploadExternal({ files: [{ id: "FNOPE" }] }))).error).toBe(
      "file_not_found",
    );
    expect((await slackError(client.apiCall("files.getUploadURLExternal", { filename: "x" }))).error).toBe(
      "invalid_arguments",
    );
  });
});

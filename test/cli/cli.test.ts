// The okr-bot command as a user runs it: the built CLI in a child process (npm test builds first).
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { SlackSandbox } from "../../src/sandbox";
import { okrFileYaml } from "../helpers/okrFactory";

const CLI = path.join(__dirname, "..", "..", "dist", "cli", "main.js");

type Run = { code: number; stdout: string; stderr: string };

function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { PATH: process.env.PATH ?? "", ...env }, timeout: 30_000 },
      (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

/** A port nothing listens on: found free, then closed again. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let dir: string;
let db: Record<string, string>;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "okr-cli-"));
  db = { DATABASE_URL: `file:${path.join(dir, "okr.db")}` };
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("okr-bot start", () => {
  it("without configuration names every missing variable and exits non-zero", async () => {
    const r = await run(["start"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("SLACK_BOT_TOKEN is required");
    expect(r.stderr).toContain("SLACK_SIGNING_SECRET is required");
  });

  it("needs no signing secret in Socket Mode", async () => {
    const r = await run(["start"], { SLACK_APP_TOKEN: "xapp-1-A1-1-abc", PORT: "eighty" });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("PORT should be a TCP port number");
    expect(r.stderr).not.toContain("SLACK_SIGNING_SECRET");
  });

  it("names invalid variables and what they should look like, without printing their values", async () => {
    const r = await run(["start"], {
      SLACK_BOT_TOKEN: "xoxp-user-token-secret-123",
      SLACK_SIGNING_SECRET: "s",
      PORT: "eighty",
      DATABASE_URL: "mysql://db",
      LOG_LEVEL: "loud",
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/SLACK_BOT_TOKEN should be a bot token starting with xoxb-/);
    expect(r.stderr).toMatch(/PORT should be a TCP port number/);
    expect(r.stderr).toMatch(/DATABASE_URL should be file:/);
    expect(r.stderr).toMatch(/LOG_LEVEL should be one of debug, info, warn, error/);
    expect(r.stderr).not.toContain("secret-123");
  });
});

const COMMANDS = ["start", "migrate", "import", "export", "job", "forget", "rekey", "demo"];

/** Lines of a stack trace ("    at fn (file:1:2)"): never shown for a mistake the user can fix. */
const STACK_LINE = /^\s+at /m;

describe("okr-bot --help", () => {
  it.each([["--help"], ["help"], ["-h"]])("okr-bot %s lists every command with what it does", async (flag) => {
    const r = await run([flag]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: okr-bot \[options\] \[command\]/);
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c}\\b.* \\w+`, "m"));
    expect(r.stdout).toContain("Exit codes: 0 done, 1 an error");
  });

  it("without a command shows the same list on stderr, and exits 2", async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    for (const c of COMMANDS) expect(r.stderr).toMatch(new RegExp(`^  ${c}\\b`, "m"));
  });

  it.each(COMMANDS)(
    "okr-bot %s --help shows its usage, what it does and its options, and does nothing else",
    async (command) => {
      for (const args of [
        [command, "--help"],
        ["help", command],
      ]) {
        const r = await run(args, db);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(new RegExp(`^Usage: okr-bot ${command}\\b.*\n\n[A-Z].{20,}`));
        expect(r.stdout).toContain("Options:\n");
        expect(r.stderr).toBe("");
      }
      expect(fs.existsSync(path.join(dir, "okr.db"))).toBe(false);
    },
  );
});

describe("okr-bot usage errors", () => {
  const cases: Array<[args: string[], says: string, usageOf: string]> = [
    ...COMMANDS.map((c): [string[], string, string] => [[c, "--colour"], "error: unknown option '--colour'", c]),
    [["import"], "error: missing required argument 'file.yaml'", "import"],
    [
      ["import", "a.yaml", "b.yaml"],
      "error: too many arguments for 'import'. Expected 1 argument but got 2.",
      "import",
    ],
    [
      ["import", "a.yaml", "--workspace", "acme"],
      'error: --workspace should be a Slack team id such as T0123ABCD, not "acme"',
      "import",
    ],
    [["export", "--format", "xml"], 'error: --format should be one of yaml, json, csv, md, not "xml"', "export"],
    [["export", "--cycle", "2026-Q9"], 'error: --cycle should be a quarter such as 2026-Q4, not "2026-Q9"', "export"],
    [["export", "--cycle"], "error: option '--cycle <quarter>' argument missing", "export"],
    [["job"], "error: missing required argument 'job'", "job"],
    [
      ["job", "payroll"],
      'error: there is no job "payroll": it should be one of checkins, reminders, digest, retro',
      "job",
    ],
    [
      ["job", "digest", "--now", "tomorrow"],
      'error: --now should be an ISO-8601 time with a zone, e.g. 2026-11-23T09:00:00Z, not "tomorrow"',
      "job",
    ],
    [["job", "digest", "--now", "2026-11-23T09:00:00"], "error: --now should be an ISO-8601 time with a zone", "job"],
    [["forget"], "error: missing required argument 'slack-user-id'", "forget"],
    [["start", "now"], "error: too many arguments for 'start'. Expected 0 arguments but got 1.", "start"],
    [
      ["import", "a.yaml", "--worksapce", "T0TEST"],
      "error: unknown option '--worksapce' (did you mean --workspace?)",
      "import",
    ],
    [["imprt", "okrs.yaml"], "error: unknown command 'imprt' (did you mean import?)", ""],
  ];

  it.each(cases)(
    "okr-bot %j says what is wrong in one line, then the usage, and exits 2",
    async (args, says, usageOf) => {
      const r = await run(args, db);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      const [first, blank, usage] = r.stderr.split("\n");
      expect(first).toContain(says);
      expect(blank).toBe("");
      expect(usage).toMatch(new RegExp(`^Usage: okr-bot ${usageOf}`));
      expect(r.stderr).not.toMatch(STACK_LINE);
      // Checked before anything is done: not even the database is created.
      expect(fs.existsSync(path.join(dir, "okr.db"))).toBe(false);
    },
  );
});

describe("okr-bot when Slack cannot be reached", () => {
  let apiUrl: string;
  beforeAll(async () => {
    apiUrl = `http://127.0.0.1:${await closedPort()}/api/`;
  });

  const findWorkspace = "to find the workspace (ECONNREFUSED); check SLACK_API_URL or pass --workspace";
  const checkToken = "to check SLACK_BOT_TOKEN (ECONNREFUSED); check SLACK_API_URL and the network";
  const cases: Array<[what: string, args: (file: string) => string[], env: Record<string, string>, says: string]> = [
    ["import", (file) => ["import", file], {}, findWorkspace],
    ["export", () => ["export", "--format", "json"], {}, findWorkspace],
    ["forget", () => ["forget", "U0ALICE"], {}, findWorkspace],
    ["job", () => ["job", "checkins"], {}, checkToken],
    ["start (HTTP)", () => ["start"], {}, checkToken],
    ["start (Socket Mode)", () => ["start"], { SLACK_APP_TOKEN: "xapp-1-A1-1-abc" }, checkToken],
  ];

  it.each(cases)(
    "okr-bot %s says where it looked and what to check, in one line, and exits 1",
    async (_what, args, env, says) => {
      const file = path.join(dir, "okrs.yaml");
      fs.writeFileSync(file, okrFileYaml({ objectivesEach: 1, krsEach: 1 }));
      const r = await run(args(file), {
        ...db,
        SLACK_BOT_TOKEN: "xoxb-1-unreachable",
        SLACK_SIGNING_SECRET: "secret",
        SLACK_API_URL: apiUrl,
        PORT: "0",
        ...env,
      });
      expect(r.code).toBe(1);
      // Log lines (which start with their time) aside, the one line that says what to do.
      const lines = r.stderr.split("\n").filter((l) => l && !/^\d{4}-\d{2}-\d{2}T/.test(l));
      expect(lines).toEqual([`could not reach Slack at ${apiUrl} ${says}`]);
      expect(r.stderr).not.toMatch(STACK_LINE);
    },
  );
});

describe("okr-bot when the database cannot be reached", () => {
  it.each([[["migrate"]], [["export", "--workspace", "T0TEST"]], [["forget", "U0ALICE"]]])(
    "okr-bot %j says which database, in one line, without its password, and exits 1",
    async (args) => {
      const port = await closedPort();
      const r = await run(args, { DATABASE_URL: `postgresql://okr:db-password-123@127.0.0.1:${port}/okr` });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        `could not reach the database at 127.0.0.1:${port}/okr (ECONNREFUSED); check DATABASE_URL and that the database is up\n`,
      );
    },
  );
});

describe("okr-bot migrate, import and export", () => {
  it("migrates once", async () => {
    expect((await run(["migrate"], db)).stdout).toMatch(/Applied: \d+_init/);
    expect((await run(["migrate"], db)).stdout).toContain("Database is up to date.");
  });

  it("imports a file, changes nothing the second time, and exports what import reads back unchanged", async () => {
    const file = path.join(dir, "okrs.yaml");
    fs.writeFileSync(file, okrFileYaml({ objectivesEach: 2, krsEach: 3 }));
    const first = await run(["import", file, "--workspace", "T0TEST"], db);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("key results  6 created, 0 updated, 0 unchanged");
    const second = await run(["import", file], db);
    expect(second.stdout).toContain("key results  0 created, 0 updated, 6 unchanged");

    const exported = await run(["export", "--cycle", "2026-Q4"], db);
    expect(exported.code).toBe(0);
    const again = path.join(dir, "exported.yaml");
    fs.writeFileSync(again, exported.stdout);
    const third = await run(["import", again], db);
    expect(third.stdout).toContain("teams        0 created, 0 updated, 1 unchanged");
    expect(third.stdout).toContain("key results  0 created, 0 updated, 6 unchanged");
  });

  it("round-trips the three target forms: a threshold, a relative target, a baseline left to the first check-in", async () => {
    const file = path.join(dir, "shapes.yaml");
    fs.writeFileSync(
      file,
      [
        "cycle: 2027-Q1",
        "teams:",
        "  - name: Platform",
        "    channel: C0PLATFORM",
        "    objectives:",
        "      - title: Scale without slowing down",
        "        owner: U0LEAD",
        "        key_results:",
        "          - title: Achieve autoscaling response time < 60s",
        '            target: "< 60"',
        "            measured_by: Autoscaler metrics",
        "          - title: Reduce P99 latency of payment processing by 30%",
        '            target: "-30%"',
        "            measured_by: APM",
        "          - title: Increase NPS by 5 points",
        "            baseline: 30",
        '            target: "+5"',
        "            measured_by: NPS survey",
      ].join("\n"),
    );
    const first = await run(["import", file, "--workspace", "T0TEST"], db);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("key results  3 created");
    expect(first.stdout).toMatch(
      /Good to know \(1\):\n {2}.*shapes\.yaml:12: teams\[0\]\.objectives\[0\]\.key_results\[1\]\.baseline: No baseline yet: the first check-in will set it/,
    );
    const exported = await run(["export", "--cycle", "2027-Q1"], db);
    expect(exported.stdout).toContain("target: < 60");
    expect(exported.stdout).toContain("target: -30%");
    expect(exported.stdout).toContain('target: "+5"');
    const again = path.join(dir, "shapes-exported.yaml");
    fs.writeFileSync(again, exported.stdout);
    expect((await run(["import", again], db)).stdout).toContain("key results  0 created, 0 updated, 3 unchanged");
  });

  it("exports a cycle's retro and check-in history as Markdown, CSV or JSON, and refuses an unknown format", async () => {
    const file = path.join(dir, "okrs.yaml");
    fs.writeFileSync(file, okrFileYaml({ objectivesEach: 1, krsEach: 3 }));
    expect((await run(["import", file, "--workspace", "T0TEST"], db)).code).toBe(0);
    const json = await run(["export", "--cycle", "2026-Q4", "--format", "json"], db);
    expect(json.code).toBe(0);
    const record = JSON.parse(json.stdout);
    expect(record.cycle).toBe("2026-Q4");
    expect(record.teams[0].objectives[0].keyResults).toHaveLength(3);
    expect(record.teams[0].objectives[0].keyResults[0]).toMatchObject({
      title: "Reduce incidents of kind 1.1",
      baseline: 8,
      target: 2,
      retro: { score: 0, scoreFrom: "progress" },
      checkIns: [],
    });
    const csv = await run(["export", "--cycle", "2026-Q4", "--format", "csv"], db);
    expect(csv.stdout.trimEnd().split("\r\n")).toHaveLength(4);
    const md = await run(["export", "--cycle", "2026-Q4", "--format", "md"], db);
    expect(md.stdout).toContain("# OKRs 2026-Q4: retro and check-ins");
    const bad = await run(["export", "--cycle", "2026-Q4", "--format", "xlsx"], db);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--format should be one of yaml, json, csv, md");
  });

  it("forgets a person who left, and says when it does not know them", async () => {
    const file = path.join(dir, "okrs.yaml");
    fs.writeFileSync(file, okrFileYaml({ objectivesEach: 1, krsEach: 3 }));
    expect((await run(["import", file, "--workspace", "T0TEST"], db)).code).toBe(0);
    const forgot = await run(["forget", "U0ALICE"], db);
    expect(forgot.code).toBe(0);
    expect(forgot.stdout).toContain("Forgot U0ALICE");
    expect(forgot.stdout).toContain("3 current key results left without an owner");
    expect((await run(["forget", "U0ALICE"], db)).stdout).toContain(
      "U0ALICE is not known in this workspace: nothing to forget.",
    );
    const notAnId = await run(["forget", "alice"], db);
    expect(notAnId.code).toBe(2);
    expect(notAnId.stderr).toContain('"alice" is not a Slack user id');
    expect(notAnId.stderr).toContain("Usage: okr-bot forget <slack-user-id>");
  });

  it("refuses a broken file, naming the file, line and path, and writes nothing", async () => {
    const file = path.join(dir, "broken.yaml");
    fs.writeFileSync(file, okrFileYaml({ objectivesEach: 1, krsEach: 3 }).replace("baseline: 8", "baseline: eight"));
    const r = await run(["import", file, "--workspace", "T0TEST"], db);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}: not imported, nothing was written.`);
    expect(r.stderr).toContain(`${file}:11: teams[0].objectives[0].key_results[0].baseline: should be a number`);
    const exported = await run(["export", "--cycle", "2026-Q4", "--workspace", "T0TEST"], db);
    expect(exported.code).toBe(1);
    expect(exported.stderr).toContain("There are no OKRs for 2026-Q4: import some first.");
  });

  it("explains what is missing before a workspace exists", async () => {
    const file = path.join(dir, "okrs.yaml");
    fs.writeFileSync(file, okrFileYaml({ objectivesEach: 1, krsEach: 3 }));
    const r = await run(["import", file], db);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("No workspace yet: pass --workspace <team id>");
  });
});

describe("okr-bot in several workspaces (OAuth)", () => {
  const key = randomBytes(32).toString("base64");
  const oauth = {
    SLACK_CLIENT_ID: "1111.2222",
    SLACK_CLIENT_SECRET: "client-secret-value",
    SLACK_STATE_SECRET: "state-secret-value-123",
    TOKEN_ENCRYPTION_KEY: key,
  };

  it("names the OAuth variables still missing, and refuses a bot token set as well", async () => {
    const partial = await run(["start"], { SLACK_SIGNING_SECRET: "s", SLACK_CLIENT_ID: "1111.2222" });
    expect(partial.code).not.toBe(0);
    for (const v of ["SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET", "TOKEN_ENCRYPTION_KEY"])
      expect(partial.stderr).toContain(`${v} is required to install okr-bot in several workspaces`);
    const both = await run(["start"], { SLACK_SIGNING_SECRET: "s", SLACK_BOT_TOKEN: "xoxb-1", ...oauth });
    expect(both.stderr).toContain(
      "are both set: use SLACK_BOT_TOKEN for one workspace, or the OAuth variables to install in several, not both",
    );
  });

  it("refuses a key that is not 32 bytes, without printing it", async () => {
    const r = await run(["start"], {
      SLACK_SIGNING_SECRET: "s",
      ...oauth,
      TOKEN_ENCRYPTION_KEY: "my-short-secret-key",
    });
    expect(r.stderr).toContain("TOKEN_ENCRYPTION_KEY should be 32 random bytes in base64");
    expect(r.stderr).not.toContain("my-short-secret-key");
  });

  it("rekey re-encrypts every stored token with the new key; the old key can then go", async () => {
    const { migrate } = await import("../../src/db/migrate");
    const { openDatabase } = await import("../../src/db/client");
    const { saveInstallation, findInstallation } = await import("../../src/db/installations");
    const { TokenCipher } = await import("../../src/db/tokenCipher");
    const { databaseConfig } = await import("../../src/config");
    const config = databaseConfig(db.DATABASE_URL!);
    await migrate(config);
    const database = openDatabase(config);
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    try {
      await saveInstallation(database.db, new TokenCipher(oldKey), {
        slackTeamId: "T0ONE",
        botUserId: "U0BOT",
        scopes: ["chat:write"],
        botToken: "xoxb-one",
        botRefreshToken: "xoxe-1-one",
      });
      const missingOld = await run(["rekey"], { ...db, TOKEN_ENCRYPTION_KEY: newKey.toString("base64") });
      expect(missingOld.code).not.toBe(0);
      expect(missingOld.stderr).toContain("add it to TOKEN_ENCRYPTION_PREVIOUS_KEYS");
      const r = await run(["rekey"], {
        ...db,
        TOKEN_ENCRYPTION_KEY: newKey.toString("base64"),
        TOKEN_ENCRYPTION_PREVIOUS_KEYS: oldKey.toString("hex"),
      });
      expect(r.stdout).toContain("Re-encrypted 1 of 1 installations");
      expect(await findInstallation(database.db, new TokenCipher(newKey), "T0ONE")).toMatchObject({
        botToken: "xoxb-one",
        botRefreshToken: "xoxe-1-one",
      });
      expect((await run(["rekey"], { ...db, TOKEN_ENCRYPTION_KEY: newKey.toString("base64") })).stdout).toContain(
        "Re-encrypted 0 of 1 installations with the current key; 1 already used it",
      );
    } finally {
      await database.close();
    }
  });
});

describe("okr-bot job", () => {
  let sandbox: SlackSandbox;
  beforeEach(async () => {
    sandbox = new SlackSandbox();
    await sandbox.start();
    sandbox.addUser({ id: "U0ALICE", name: "alice", tz: "Europe/London" });
  });
  afterEach(async () => sandbox.stop());

  it("runs one job at the time given with --now, through the Slack API at SLACK_API_URL, and never twice", async () => {
    const env = {
      ...db,
      SLACK_BOT_TOKEN: sandbox.token,
      SLACK_SIGNING_SECRET: "secret",
      SLACK_API_URL: sandbox.apiUrl,
      LOG_LEVEL: "error",
    };
    const file = path.join(dir, "okrs.yaml");
    fs.writeFileSync(file, okrFileYaml({ objectivesEach: 1, krsEach: 3 }));
    // Without --workspace: the bot token tells which workspace (auth.test).
    expect((await run(["import", file], env)).code).toBe(0);

    const early = await run(["job", "checkins", "--now", "2026-11-23T08:00:00Z"], env);
    expect(early.stdout).toContain('"sent":0');
    const due = await run(["job", "checkins", "--now", "2026-11-23T09:01:00Z", "--team", "Big"], env);
    expect(due.code).toBe(0);
    expect(due.stdout).toContain('checkins at 2026-11-23T09:01:00.000Z: {"sent":1');
    expect((await run(["job", "checkins", "--now", "2026-11-23T10:00:00Z"], env)).stdout).toContain(
      '"sent":0,"alreadySent":1',
    );
    expect(sandbox.dmsTo("U0ALICE")).toHaveLength(1);
  });

  it("refuses an unknown job or a --now that is not ISO-8601", async () => {
    const env = {
      ...db,
      SLACK_BOT_TOKEN: sandbox.token,
      SLACK_SIGNING_SECRET: "secret",
      SLACK_API_URL: sandbox.apiUrl,
    };
    const bad = await run(["job", "checkins", "--now", "next monday"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--now should be an ISO-8601 time with a zone");
    const unknown = await run(["job", "payroll"], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Usage: okr-bot job <checkins|reminders|digest|retro>");
  });
});

describe("okr-bot start, running", () => {
  it("migrates, serves /healthz, and exits cleanly on SIGTERM", async () => {
    const sandbox = new SlackSandbox();
    await sandbox.start();
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, [CLI, "start"], {
      env: {
        PATH: process.env.PATH ?? "",
        ...db,
        PORT: "0",
        SLACK_BOT_TOKEN: sandbox.token,
        SLACK_SIGNING_SECRET: "secret",
        SLACK_API_URL: sandbox.apiUrl,
      },
    });
    try {
      let output = "";
      const port = await new Promise<number>((resolve, reject) => {
        child.stderr.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          const m = /running \(HTTP on port (\d+), sqlite\)/.exec(output);
          if (m) resolve(Number(m[1]));
        });
        child.on("exit", () => reject(new Error(`exited early: ${output}`)));
      });
      expect(output).toMatch(/applied migrations: \d+_init/);
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(res.status).toBe(200);
      const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      expect(await exit).toBe(0);
      expect(output).not.toContain(sandbox.token);
    } finally {
      child.kill("SIGKILL");
      await sandbox.stop();
    }
  });
});

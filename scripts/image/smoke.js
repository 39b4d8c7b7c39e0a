// The image's smoke test (run by .ci/run after `npm ci`): build it, then run it as an operator would against
// the local Slack sandbox on the host. Checks: /healthz 200 and the HEALTHCHECK healthy, not root, no dev
// tooling inside, a digest chart drawn inside the container with its text, SQLite data kept in a volume across
// a new container, SIGTERM → exit 0 within 10 s. Then compose.yaml as shipped: PostgreSQL and two replicas in
// Socket Mode, both healthy, a command answered, a check-in fan-out run on both replicas at once with one DM
// per owner.
// Usage: node scripts/image/smoke.js (NODE_VERSION=24|22, default 24)
const { execFile, execFileSync } = require("node:child_process");
const { randomBytes } = require("node:crypto");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { PNG } = require("pngjs");
const { SlackRequester, SlackSandbox } = require("../../dist/sandbox");
const { SAMPLE_OKRS_YAML } = require("../../dist/demo/sampleOkrs");
const YAML = require("yaml");

const root = path.join(__dirname, "../..");
const work = process.env.IMAGE_WORK || "/var/tmp/okr-bot-image";
const env = {
  ...process.env,
  CONTAINERS_CONF: `${work}/containers.conf`,
  CONTAINERS_STORAGE_CONF: `${work}/storage.conf`,
};
// compose.yaml's image name: the compose test runs what was just built.
const image = "okr-bot";
const volume = "okr-bot-smoke-data";
const name = "okr-bot-smoke";

/** Runs podman without blocking: the sandbox answers the container from this same process. */
function podman(...args) {
  return new Promise((resolve) => {
    execFile("podman", args, { env, encoding: "utf8", maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
      resolve({
        code: error ? (typeof error.code === "number" ? error.code : 1) : 0,
        out: stdout.trim(),
        err: stderr.trim(),
      }),
    );
  });
}
function ok(label, condition, detail = "") {
  if (!condition) throw new Error(`FAILED: ${label}${detail ? `\n${detail}` : ""}`);
  console.log(`ok - ${label}`);
}
async function healthz(port) {
  try {
    const r = await fetch(`http://127.0.0.1:${port}/healthz`);
    return r.status;
  } catch {
    return 0;
  }
}
function freePort() {
  const net = require("node:net");
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
/** Dark pixels in the chart's title band: text is the only thing drawn there. */
function titleInk(png) {
  let dark = 0;
  for (let y = 8; y < 62; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      if (png.data[i] < 128 && png.data[i + 1] < 128 && png.data[i + 2] < 128) dark++;
    }
  }
  return dark;
}

async function main() {
  const started = Date.now();
  execFileSync("bash", ["scripts/image/build.sh", image], { cwd: root, stdio: ["ignore", "ignore", "inherit"], env });
  ok(`image built (Node ${process.env.NODE_VERSION || 24}) in ${Math.round((Date.now() - started) / 1000)} s`, true);

  const tooling = await podman(
    "run",
    "--rm",
    "--entrypoint",
    "sh",
    image,
    "-c",
    "ls -d node_modules/prisma node_modules/typescript node_modules/effect 2>/dev/null; true",
  );
  ok("no prisma CLI, typescript or effect in the image", tooling.code === 0 && tooling.out === "", tooling.out);

  await oneContainer();
  await composeReplicas();
  console.log(`image smoke test passed in ${Math.round((Date.now() - started) / 1000)} s`);
}

const OKRS = `cycle: 2026-Q4\n${SAMPLE_OKRS_YAML}`;
const OWNERS = [
  ...new Set(
    YAML.parse(SAMPLE_OKRS_YAML).teams.flatMap((t) => t.objectives.flatMap((o) => o.key_results.map((kr) => kr.owner))),
  ),
];

async function sandboxWithPeople(opts = {}) {
  const sandbox = new SlackSandbox(opts);
  await sandbox.start();
  for (const id of ["U0MAYA", "U0ALICE", "U0BOB", "U0CHEN", "U0DANA", "U0EVE", "U0FRANK", "U0GRACE"])
    sandbox.addUser({ id, name: id.slice(2).toLowerCase(), tz: "UTC" });
  return sandbox;
}

function okrsFile() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "okr-smoke-"));
  const file = path.join(dir, "okrs.yaml");
  fs.writeFileSync(file, OKRS);
  fs.chmodSync(dir, 0o755);
  fs.chmodSync(file, 0o644);
  return file;
}

/** One container on SQLite over HTTP, as the README's `docker run` lines. */
async function oneContainer() {
  const sandbox = await sandboxWithPeople();
  const port = await freePort();
  const okrs = okrsFile();
  const slackEnv = [
    "-e",
    `SLACK_BOT_TOKEN=${sandbox.token}`,
    "-e",
    `SLACK_SIGNING_SECRET=${randomBytes(16).toString("hex")}`,
    "-e",
    `SLACK_API_URL=${sandbox.apiUrl}`,
    "-e",
    `PORT=${port}`,
  ];
  const run = (...args) => podman("run", "--network=host", "-v", `${volume}:/data`, ...slackEnv, ...args);

  await podman("rm", "-f", name);
  await podman("volume", "rm", "-f", volume);
  try {
    const imported = await run("--rm", "-v", `${okrs}:/okrs.yaml:ro`, image, "import", "/okrs.yaml");
    ok("a one-off container imports OKRs into the volume", imported.code === 0, imported.err);

    const started = await run("-d", "--name", name, image);
    ok("the bot's container starts", started.code === 0, started.err);
    const up = Date.now();
    while ((await healthz(port)) !== 200) {
      if (Date.now() - up > 60_000)
        throw new Error(`FAILED: /healthz 200 within 60 s\n${(await podman("logs", name)).err}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    ok(`/healthz 200 after ${((Date.now() - up) / 1000).toFixed(1)} s`, true);
    const health = await podman("healthcheck", "run", name);
    ok("the HEALTHCHECK reports healthy", health.code === 0, health.out + health.err);
    const uid = await podman("exec", name, "id", "-u");
    ok(`runs as uid ${uid.out}, not root`, uid.code === 0 && uid.out !== "0");

    const digest = await podman(
      "exec",
      name,
      "node",
      "dist/cli/main.js",
      "job",
      "digest",
      "--now",
      "2026-11-27T16:30:00Z",
    );
    ok("the digest job runs inside the container", digest.code === 0, digest.err);
    const charts = sandbox.files().filter((f) => f.filename.endsWith(".png") && f.bytes);
    ok(`the digest uploaded ${charts.length} chart(s)`, charts.length > 0);
    const ink = charts.map((f) => titleInk(PNG.sync.read(f.bytes)));
    ok(
      `chart text is drawn inside the container (dark pixels in the title band: ${ink.join(", ")})`,
      ink.every((n) => n > 500),
    );

    const stopAt = Date.now();
    await podman("kill", "--signal", "TERM", name);
    const exit = await podman("wait", name);
    const seconds = (Date.now() - stopAt) / 1000;
    ok(
      `SIGTERM → exit ${exit.out} in ${seconds.toFixed(1)} s`,
      exit.out === "0" && seconds < 10,
      (await podman("logs", name)).err,
    );
    await podman("rm", "-f", name);

    const exported = await run("--rm", image, "export");
    ok(
      "a new container on the same volume still has the OKRs",
      exported.code === 0 && exported.out.includes("Make our platform reliable enough"),
      exported.err,
    );
  } finally {
    await podman("rm", "-f", name);
    await podman("volume", "rm", "-f", volume);
    await sandbox.stop();
  }
}

/** compose.yaml as shipped: PostgreSQL (a local stand-in when no registry answers) and two replicas in Socket Mode. */
async function composeReplicas() {
  let postgresImage = "docker.io/library/postgres:17";
  if ((await podman("image", "exists", postgresImage)).code !== 0) {
    postgresImage = "localhost/okr-bot-test-postgres";
    execFileSync(
      "podman",
      [
        "build",
        "--format",
        "docker",
        "--pull=never",
        "--network=host",
        "-t",
        postgresImage,
        "scripts/image/postgres-standin",
      ],
      { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] },
    );
  }
  const sandbox = await sandboxWithPeople({ publicHost: "host.containers.internal" });
  const project = "okr-bot-smoke";
  const composeEnv = {
    ...env,
    POSTGRES_IMAGE: postgresImage,
    POSTGRES_PASSWORD: randomBytes(12).toString("hex"),
    SLACK_BOT_TOKEN: sandbox.token,
    SLACK_APP_TOKEN: sandbox.socketMode.appToken,
    SLACK_API_URL: sandbox.apiUrl,
  };
  const compose = (...args) =>
    new Promise((resolve) =>
      execFile(
        "podman-compose",
        ["-p", project, ...args],
        { cwd: root, env: composeEnv, encoding: "utf8", maxBuffer: 64 << 20 },
        (error, stdout, stderr) => resolve({ code: error ? 1 : 0, out: stdout.trim(), err: stderr.trim() }),
      ),
    );
  const replicas = [`${project}_okr-bot_1`, `${project}_okr-bot_2`];
  await compose("down", "-v");
  // Made afresh, so that it has the dnsname plugin (the replicas find PostgreSQL by its service name).
  await podman("network", "rm", "-f", `${project}_default`);
  try {
    const up = await compose("up", "-d");
    ok("podman-compose up: PostgreSQL and two okr-bot replicas", up.code === 0, up.err);
    const since = Date.now();
    for (const replica of replicas) {
      while ((await podman("healthcheck", "run", replica)).code !== 0) {
        if (Date.now() - since > 90_000)
          throw new Error(`FAILED: ${replica} healthy within 90 s\n${(await podman("logs", replica)).err}`);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
    ok(
      `both replicas healthy (database up, Socket Mode connected) after ${((Date.now() - since) / 1000).toFixed(1)} s`,
      sandbox.socketMode.connections === 2,
    );

    await podman("cp", okrsFile(), `${replicas[0]}:/tmp/okrs.yaml`);
    const imported = await podman("exec", replicas[0], "node", "dist/cli/main.js", "import", "/tmp/okrs.yaml");
    ok("OKRs imported into PostgreSQL", imported.code === 0, imported.err);

    const requester = new SlackRequester({ socketMode: sandbox.socketMode, sandbox });
    const help = await requester.command({ user: "U0ALICE", text: "help" });
    ok(
      "/okr help answered over Socket Mode by a replica",
      help.status === 200 && help.body.includes("/okr"),
      JSON.stringify(help),
    );

    const monday = "2026-11-30T09:05:00Z";
    const runs = await Promise.all(
      replicas.map((r) => podman("exec", r, "node", "dist/cli/main.js", "job", "checkins", "--now", monday)),
    );
    ok(
      "the check-in job ran on both replicas at once",
      runs.every((r) => r.code === 0),
      runs.map((r) => r.err).join("\n"),
    );
    const prompts = OWNERS.map((owner) => sandbox.dmsTo(owner).length);
    ok(
      `one check-in DM per owner across the replicas (${OWNERS.length} owners: ${prompts.join(", ")})`,
      prompts.every((n) => n === 1),
    );
  } finally {
    await compose("down", "-v");
    await sandbox.stop();
  }
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});

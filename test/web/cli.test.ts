// `okr-bot demo --web` and `okr-bot sandbox --web` as a user runs them: the built CLI in a child process.
import { execFile, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";

const CLI = path.join(__dirname, "..", "..", "dist", "cli", "main.js");

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { PATH: process.env.PATH ?? "" }, timeout: 30_000 },
      (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

describe("the web demo's commands", () => {
  it("demo --web prints the page's URL, serves it, and stops on Ctrl-C with exit 0", async () => {
    const child = spawn(process.execPath, [CLI, "demo", "--web"], { env: { PATH: process.env.PATH ?? "" } });
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const deadline = Date.now() + 20_000;
      while (!/http:\/\/127\.0\.0\.1:\d+\//.test(stdout) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout)?.[0];
      expect(url).toBeDefined();
      const page = await (await fetch(url!)).text();
      expect(page).toContain("<title>okr-bot demo</title>");
      const state = (await (await fetch(`${url}state?as=U0ALICE&at=dm`)).json()) as { main: string };
      expect(state.main).toContain("Weekly check-in");
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
  });

  it("a port in use is said in one line, exit 1", async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const { port } = busy.address() as net.AddressInfo;
    try {
      const demo = await run(["demo", "--web", "--port", String(port)]);
      expect(demo.code).toBe(1);
      expect(demo.stderr.trim()).toBe(
        `port ${port} on 127.0.0.1 is in use: choose another with --port (0 for any free port)`,
      );
      const sandbox = await run(["sandbox", "--web", "--web-port", String(port)]);
      expect(sandbox.code).toBe(1);
      expect(sandbox.stderr.trim()).toBe(
        `port ${port} on 127.0.0.1 is in use: choose another with --port or --web-port (0 for any free port)`,
      );
    } finally {
      busy.close();
    }
  });

  it("a port that is not a number is a usage error", async () => {
    const r = await run(["demo", "--web", "--port", "eighty"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--port should be a TCP port number (0 for any free one), not "eighty"');
  });
});

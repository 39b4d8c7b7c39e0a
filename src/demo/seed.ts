// The demo's workspace: the sample people in the sandbox, the sample OKRs imported.
import { ensureWorkspace } from "../db/workspaces";
import { importOkrs } from "../services/importOkrs";
import type { LocalStack } from "./localStack";
import { SAMPLE_OKRS_YAML, SAMPLE_PEOPLE } from "./sampleOkrs";

export async function seedSample(stack: LocalStack) {
  for (const p of SAMPLE_PEOPLE) stack.sandbox.addUser({ id: p.id, name: p.name, realName: p.realName, tz: p.tz });
  const workspace = await ensureWorkspace(stack.bot.database.db, stack.sandbox.teamId, "Sandbox");
  return importOkrs(stack.bot.database.db, workspace.id, SAMPLE_OKRS_YAML, stack.clock.now);
}

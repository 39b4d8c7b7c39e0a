import type { Command } from "commander";
import { loadTokenKeys } from "../../config";
import { countInstallations, reencryptTokens } from "../../db/installations";
import { TokenCipher } from "../../db/tokenCipher";
import { action } from "../action";
import { withDatabase } from "../database";

export function addRekeyCommand(program: Command): void {
  program
    .command("rekey")
    .summary("re-encrypt every stored Slack token with TOKEN_ENCRYPTION_KEY (after changing it)")
    .description(
      "After changing TOKEN_ENCRYPTION_KEY: re-encrypt every stored Slack token with it, reading the old ones with " +
        "the old key in TOKEN_ENCRYPTION_PREVIOUS_KEYS, which can then go.",
    )
    .action(action(rekeyCommand));
}

async function rekeyCommand(): Promise<number> {
  const keys = loadTokenKeys();
  const cipher = new TokenCipher(keys.current, keys.previous);
  return withDatabase(async ({ db }) => {
    const changed = await reencryptTokens(db, cipher);
    const total = await countInstallations(db);
    console.log(
      `Re-encrypted ${changed} of ${total} installations with the current key; ${total - changed} already used it.`,
    );
    return 0;
  });
}

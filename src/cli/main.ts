#!/usr/bin/env node
// okr-bot <command>: the one entry point for the bot, its jobs, migrations, import/export and demo.
// Each command is in ./commands; `okr-bot <command> --help` tells what it does.

// First, before the commands load: V8's heap sized for okr-bot's work, not for the machine.
import "./memoryDefaults";
import { reportFailure } from "./errors";
import { createProgram } from "./program";

createProgram()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    process.exitCode = reportFailure(err, (text) => console.error(text));
  });

#!/usr/bin/env node
// Entry point of the `pyship` binary (dist/cli.js). Everything happens in src/cli/main.ts.
import { main } from "./cli/main.js";

// `pyship plan | head` closes our stdout early: that is the reader's choice, not a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));

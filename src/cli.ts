#!/usr/bin/env node
// Entry point of the `pyship` binary (dist/cli.js). Everything happens in src/cli/main.ts.
import { main } from "./cli/main.js";

process.exitCode = await main(process.argv.slice(2));

#!/usr/bin/env node
// The operator CLI. TypeScript sources run through tsx's loader, so there is no build step to forget.
import { existsSync } from "node:fs";
import { register } from "tsx/esm/api";

// Settings may live in a .env file beside the project (see .env.example); real environment variables win.
if (existsSync(".env")) process.loadEnvFile(".env");

// `council ... | head` closes stdout early: that is not an error.
process.stdout.on("error", (err) => {
  if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw err;
});
register();
const { runCli } = await import("../src/cli/main.ts");
process.exitCode = await runCli(process.argv);

#!/usr/bin/env node
// The operator CLI: the build in dist/ when it is current, else the TypeScript sources through tsx (entry.mjs).
import { existsSync } from "node:fs";
import { importEntry } from "./entry.mjs";

// Settings may live in a .env file beside the project (see .env.example); real environment variables win.
if (existsSync(".env")) process.loadEnvFile(".env");

// `council ... | head` closes stdout early: that is not an error.
process.stdout.on("error", (err) => {
  if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw err;
});
const { runCliLazily } = await importEntry("cli/lazy");
process.exitCode = await runCliLazily(process.argv);

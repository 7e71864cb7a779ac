#!/usr/bin/env node
// `npm start`: the long-running service (chat platforms, outbox sender, scheduled jobs).
import { existsSync } from "node:fs";
import { register } from "tsx/esm/api";

// Settings may live in a .env file beside the project (see .env.example); real environment variables win.
if (existsSync(".env")) process.loadEnvFile(".env");

register();
const { main } = await import("../src/main.ts");
await main();

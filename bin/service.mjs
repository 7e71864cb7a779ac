#!/usr/bin/env node
// `npm start`: the long-running service (chat platforms, outbox sender, scheduled jobs).
import { existsSync } from "node:fs";
import { importEntry } from "./entry.mjs";

// Settings may live in a .env file beside the project (see .env.example); real environment variables win.
if (existsSync(".env")) process.loadEnvFile(".env");

const { main } = await importEntry("main");
await main();

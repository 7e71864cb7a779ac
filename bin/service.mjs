#!/usr/bin/env node
// `npm start`: the long-running service (chat platforms, outbox sender, scheduled jobs).
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/main.ts");
await main();

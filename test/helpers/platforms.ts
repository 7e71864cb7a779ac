/** Registers the platforms' capabilities in every test worker, as `src/app.ts` and the CLI do at start. */
import "../../src/platforms/registry.js";

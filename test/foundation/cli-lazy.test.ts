/** The fast entry of `council` must know every top-level command, or that command would load everything. */
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/main.js";
import { COMMAND_GROUPS } from "../../src/cli/lazy.js";

describe("council's fast entry", () => {
  it("maps every top-level command to the group that registers it", async () => {
    const program = buildProgram(() => {
      throw new Error("not run");
    });
    const names = program.commands.map((c) => c.name()).sort();
    expect(Object.keys(COMMAND_GROUPS).sort()).toEqual(names);
    for (const name of names) {
      const register = await COMMAND_GROUPS[name]!();
      const registered = program.commands.find((c) => c.name() === name)!;
      // The group's registrar is the one that adds this command.
      const sole = buildProgramWith([register]);
      expect(
        sole.commands.map((c) => c.name()),
        name,
      ).toContain(registered.name());
    }
  });
});

import { buildProgramWith as build } from "../../src/cli/run.js";
const buildProgramWith = (registrars: Parameters<typeof build>[0]) =>
  build(registrars, () => {
    throw new Error("not run");
  });

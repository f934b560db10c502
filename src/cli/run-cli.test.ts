import { describe, expect, it } from "vitest";
import { type Command, UsageError } from "./command.ts";
import { fakeIo } from "./fake-io.ts";
import { runCli } from "./run-cli.ts";

const echo: Command = {
  name: "echo",
  summary: "print its arguments",
  usage: "WORD…",
  help: "Prints its arguments.",
  run: async (args, io) => {
    if (args.length === 0) throw new UsageError("nothing to echo");
    io.stdout(`${args.join(" ")}\n`);
    return 0;
  },
};

describe("runCli", () => {
  it("runs the named command with the remaining arguments", async () => {
    const io = fakeIo();

    expect(await runCli(["echo", "a", "b"], io, [echo])).toBe(0);
    expect(io.out).toBe("a b\n");
  });

  it("lists the commands for --help", async () => {
    const io = fakeIo();

    expect(await runCli(["--help"], io, [echo])).toBe(0);
    expect(io.out).toContain("usage: status-recorder <command> [options]");
    expect(io.out).toContain("  echo  print its arguments");
  });

  it("prints a command's help for `help <command>` and `<command> --help`", async () => {
    const viaHelp = fakeIo();
    const viaFlag = fakeIo();

    await runCli(["help", "echo"], viaHelp, [echo]);
    await runCli(["echo", "--help"], viaFlag, [echo]);

    expect(viaHelp.out).toBe("usage: status-recorder echo WORD…\n\nPrints its arguments.\n");
    expect(viaFlag.out).toBe(viaHelp.out);
  });

  it("treats --help after -- as an operand", async () => {
    const io = fakeIo();

    await runCli(["echo", "--", "--help"], io, [echo]);

    expect(io.out).toBe("-- --help\n");
  });

  it("exits 2 with the command list when no command is given", async () => {
    const io = fakeIo();

    expect(await runCli([], io, [echo])).toBe(2);
    expect(io.err).toContain("commands:");
  });

  it("exits 2 on an unknown command", async () => {
    const io = fakeIo();

    expect(await runCli(["deploy"], io, [echo])).toBe(2);
    expect(io.err).toMatch(/^status-recorder: unknown command "deploy"\n/);
  });

  it("exits 2 on an unknown option before the command", async () => {
    const io = fakeIo();

    expect(await runCli(["--verbose"], io, [echo])).toBe(2);
    expect(io.err).toMatch(/^status-recorder: unknown option "--verbose"\n/);
  });

  it("exits 2 with the command's usage on a usage error", async () => {
    const io = fakeIo();

    expect(await runCli(["echo"], io, [echo])).toBe(2);
    expect(io.err).toBe("status-recorder echo: nothing to echo\nusage: status-recorder echo WORD…\n");
  });

  it("exits 1 when a command fails unexpectedly", async () => {
    const io = fakeIo();
    const broken: Command = { ...echo, run: async () => Promise.reject(new Error("disk on fire")) };

    expect(await runCli(["echo"], io, [broken])).toBe(1);
    expect(io.err).toBe("status-recorder echo: disk on fire\n");
  });
});

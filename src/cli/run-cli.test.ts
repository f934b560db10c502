import { describe, expect, it } from "vitest";
import { type Command, type CommandGroup, UsageError } from "./command.ts";
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

const say: CommandGroup = {
  name: "say",
  summary: "say things",
  help: "Shared options go here.",
  subcommands: [
    echo,
    {
      ...echo,
      name: "shout",
      run: async (args, io) =>
        echo.run(
          args.map((a) => a.toUpperCase()),
          io,
        ),
    },
  ],
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

  describe("command groups", () => {
    it("runs the named subcommand with the remaining arguments", async () => {
      const io = fakeIo();

      expect(await runCli(["say", "shout", "hi"], io, [say])).toBe(0);
      expect(io.out).toBe("HI\n");
    });

    it("lists the group in the command list", async () => {
      const io = fakeIo();

      await runCli(["--help"], io, [echo, say]);

      expect(io.out).toContain("  say   say things");
    });

    it("lists the subcommands and the group's help for `<group> --help`", async () => {
      const io = fakeIo();

      expect(await runCli(["say", "--help"], io, [say])).toBe(0);
      expect(io.out).toContain("usage: status-recorder say <command> [options]");
      expect(io.out).toContain("  echo   print its arguments");
      expect(io.out).toContain("Shared options go here.");
    });

    it("prints a subcommand's help under its full name, also for `help <group> <command>`", async () => {
      const viaHelp = fakeIo();
      const viaFlag = fakeIo();

      await runCli(["help", "say", "echo"], viaHelp, [say]);
      await runCli(["say", "echo", "--help"], viaFlag, [say]);

      expect(viaFlag.out).toBe("usage: status-recorder say echo WORD…\n\nPrints its arguments.\n");
      expect(viaHelp.out).toBe(viaFlag.out);
    });

    it("names the subcommand in its usage errors", async () => {
      const io = fakeIo();

      expect(await runCli(["say", "echo"], io, [say])).toBe(2);
      expect(io.err).toBe(
        "status-recorder say echo: nothing to echo\nusage: status-recorder say echo WORD…\n",
      );
    });

    it("exits 2 with the subcommand list when no subcommand or an unknown one is given", async () => {
      const none = fakeIo();
      const unknown = fakeIo();

      expect(await runCli(["say"], none, [say])).toBe(2);
      expect(await runCli(["say", "whisper"], unknown, [say])).toBe(2);

      expect(none.err).toContain("commands:\n  echo ");
      expect(unknown.err).toMatch(/^status-recorder say: unknown command "whisper"\n/);
    });
  });
});

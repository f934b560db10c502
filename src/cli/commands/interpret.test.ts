import { describe, expect, it } from "vitest";
import { fakeIo } from "../fake-io.ts";
import { runCli } from "../run-cli.ts";

const RULES = `rules:
  - apiVersion: example.com/v1
    kind: Widget
    health: 'has(object.status) && object.status.ready ? "Healthy" : "Progressing"'
    message: 'has(object.status) && has(object.status.message) ? object.status.message : ""'
    values: {replicas: 'object.status.replicas'}
    components: {engine: 'object.status.engine'}
`;

const widget = (name: string, status: string) =>
  `apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: ${name}, namespace: prod}\nstatus: ${status}\n`;

const READY = widget("a", "{ready: true, message: all good, replicas: 2, engine: Running}");
const STARTING = widget("b", "{ready: false}");

async function interpret(args: string[], files: Record<string, string>, stdin = "") {
  const io = fakeIo({ "rules.yaml": RULES, ...files }, stdin);
  const code = await runCli(["interpret", ...args], io);
  return {
    code,
    lines: io.out
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line)),
    err: io.err,
  };
}

describe("status-recorder interpret", () => {
  it("prints one JSON line per object with identity and status", async () => {
    const { code, lines } = await interpret(["--rules", "rules.yaml", "w.yaml"], { "w.yaml": READY });

    expect(code).toBe(0);
    expect(lines).toEqual([
      {
        apiVersion: "example.com/v1",
        kind: "Widget",
        namespace: "prod",
        name: "a",
        health: "Healthy",
        kstatus: expect.any(String),
        message: "all good",
        components: { engine: "Running" },
        values: { replicas: 2 },
      },
    ]);
  });

  it("reads every document of every file in order", async () => {
    const { lines } = await interpret(["--rules", "rules.yaml", "1.yaml", "2.yaml"], {
      "1.yaml": `${READY}---\n${STARTING}`,
      "2.yaml": widget("c", "{ready: true}"),
    });

    expect(lines.map((line) => [line.name, line.health])).toEqual([
      ["a", "Healthy"],
      ["b", "Progressing"],
      ["c", "Healthy"],
    ]);
  });

  it("expands Lists", async () => {
    const list = JSON.stringify({
      apiVersion: "v1",
      kind: "List",
      items: [
        { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "x" }, status: { ready: true } },
        { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "y" } },
      ],
    });

    const { lines } = await interpret(["--rules", "rules.yaml", "list.json"], { "list.json": list });

    expect(lines.map((line) => [line.name, line.namespace, line.health])).toEqual([
      ["x", "", "Healthy"],
      ["y", "", "Progressing"],
    ]);
  });

  it("reads standard input for -", async () => {
    const { lines } = await interpret(["--rules", "rules.yaml", "-"], {}, STARTING);

    expect(lines.map((line) => line.name)).toEqual(["b"]);
  });

  it("reports a bad document with its file and number, prints the others, and exits 2", async () => {
    const { code, lines, err } = await interpret(["--rules", "rules.yaml", "w.yaml"], {
      "w.yaml": `${READY}---\nstatus: [unclosed\n---\n${STARTING}`,
    });

    expect(code).toBe(2);
    expect(lines.map((line) => line.name)).toEqual(["a", "b"]);
    expect(err).toMatch(/^status-recorder interpret: w\.yaml: document 2: /);
  });

  it("reports a missing file, goes on with the others, and exits 2", async () => {
    const { code, lines, err } = await interpret(["--rules", "rules.yaml", "gone.yaml", "w.yaml"], {
      "w.yaml": READY,
    });

    expect(code).toBe(2);
    expect(lines).toHaveLength(1);
    expect(err).toBe("status-recorder interpret: gone.yaml: cannot read: no such file\n");
  });

  it("exits 2 naming the rule when the rules file is invalid", async () => {
    const { code, err } = await interpret(["--rules", "bad.yaml", "w.yaml"], {
      "bad.yaml": "rules:\n  - {apiVersion: example.com/v1, kind: Widget, health: 'object.status.'}\n",
      "w.yaml": READY,
    });

    expect(code).toBe(2);
    expect(err).toMatch(
      /^status-recorder interpret: bad\.yaml: rules\[0\] \(example\.com\/Widget\): health: syntax error/,
    );
  });

  it("exits 2 when the rules file cannot be read", async () => {
    const { code, err } = await interpret(["--rules", "missing.yaml", "w.yaml"], { "w.yaml": READY });

    expect(code).toBe(2);
    expect(err).toBe("status-recorder interpret: missing.yaml: cannot read: no such file\n");
  });

  it("exits 2 with usage on an unknown flag", async () => {
    const { code, err } = await interpret(["--rule", "rules.yaml", "w.yaml"], {});

    expect(code).toBe(2);
    expect(err).toBe(
      "status-recorder interpret: Unknown option '--rule'\nusage: status-recorder interpret [--rules FILE] FILE…\n",
    );
  });

  it("exits 2 with usage when no file is named", async () => {
    const { code, err } = await interpret([], {});

    expect(code).toBe(2);
    expect(err).toContain("no input files (use - for standard input)");
  });
});

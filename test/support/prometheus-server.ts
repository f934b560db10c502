import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";

// A real Prometheus (the Debian `prometheus` package's binary) for end-to-end tests: started on a free
// loopback port with its own TSDB in a temp dir, queried through its HTTP API, stopped by its own pid.

const BINARY = "prometheus";

/** Whether the binary runs here; CI installs the package (.ci/run). */
export function prometheusAvailable(): boolean {
  const probe = spawnSync(BINARY, ["--version"], { encoding: "utf8" });
  return probe.error === undefined && probe.status === 0;
}

export interface PrometheusServer {
  url: string;
  /** The instant vector `query` evaluates to now, as `labels → value`. */
  query(query: string): Promise<{ metric: Record<string, string>; value: number }[]>;
  /** Polls `query` until `accept` holds or `timeoutMs` passes (then fails with the last answer and the log). */
  waitFor(
    query: string,
    accept: (result: { metric: Record<string, string>; value: number }[]) => boolean,
    timeoutMs?: number,
  ): Promise<void>;
  stop(): Promise<void>;
}

/** Starts Prometheus with `config` (a prometheus.yml as an object) and waits until it is ready. */
export async function startPrometheus(config: Record<string, unknown>): Promise<PrometheusServer> {
  const dir = await mkdtemp(join(tmpdir(), "status-recorder-prometheus-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  await writeFile(join(dir, "prometheus.yml"), stringify(config));
  const child = spawn(
    BINARY,
    [
      `--config.file=${join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--log.level=warn",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    log = (log + chunk.toString("utf8")).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
    await rm(dir, { recursive: true, force: true });
  };

  const query: PrometheusServer["query"] = async (expr) => {
    const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`);
    const body = (await res.json()) as {
      status: string;
      error?: string;
      data?: { result: { metric: Record<string, string>; value: [number, string] }[] };
    };
    if (body.status !== "success") throw new Error(`query ${expr} failed: ${body.error}`);
    return (body.data?.result ?? []).map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
  };

  const waitFor: PrometheusServer["waitFor"] = async (expr, accept, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
      last = await query(expr).catch((error: unknown) => String(error));
      if (Array.isArray(last) && accept(last)) return;
      if (Date.now() > deadline)
        throw new Error(`${url}: ${expr} never matched; last: ${JSON.stringify(last)}\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  try {
    await untilReady(url, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, query, waitFor, stop };
}

async function untilReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}:\n${log()}`);
    const ready = await fetch(`${url}/-/ready`).then(
      (res) => res.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`prometheus at ${url} was not ready within 15 s:\n${log()}`);
}

/** A port the OS just handed out on loopback (closed again at once, so Prometheus can bind it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

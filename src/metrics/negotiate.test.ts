import { describe, expect, it } from "vitest";
import { negotiateFormat } from "./negotiate.ts";

const OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
const TEXT = "text/plain; version=0.0.4; charset=utf-8";

describe("negotiateFormat", () => {
  it("answers Prometheus 2's scrape Accept header with OpenMetrics", () => {
    const accept =
      "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    expect(negotiateFormat(accept)).toEqual({ format: "openmetrics", contentType: OPENMETRICS });
  });

  it("answers Prometheus 3's header, which prefers protobuf, with OpenMetrics", () => {
    const accept =
      "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.7," +
      "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,application/openmetrics-text;version=0.0.1;q=0.5," +
      "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2";

    expect(negotiateFormat(accept).format).toBe("openmetrics");
  });

  it("answers a scrape configured for the text format with it", () => {
    expect(negotiateFormat("text/plain;version=0.0.4;q=1,*/*;q=0.1")).toEqual({
      format: "text",
      contentType: TEXT,
    });
  });

  it("answers no header, a browser's or curl's with the text format", () => {
    expect(negotiateFormat(undefined).format).toBe("text");
    expect(negotiateFormat("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").format).toBe(
      "text",
    );
    expect(negotiateFormat("*/*").format).toBe("text");
  });

  it("skips ranges with q=0 and OpenMetrics versions it does not speak", () => {
    expect(negotiateFormat("application/openmetrics-text;q=0,text/plain;q=0.1").format).toBe("text");
    expect(negotiateFormat("application/openmetrics-text;version=2.0.0,text/plain;q=0.1").format).toBe(
      "text",
    );
  });

  it("falls back to the text format when nothing offered is supported", () => {
    expect(negotiateFormat("application/json").format).toBe("text");
  });
});

import { readFileSync } from "node:fs";

type Shape = "http-api-v2" | "function-url";

/**
 * A real API Gateway HTTP API (payload 2.0) or Function URL event, as AWS delivers it, carrying the given
 * request: base64 body, lower-case headers, the path in rawPath and requestContext.http.
 */
export function lambdaEvent(
  shape: Shape,
  init: { method: string; path: string; headers: Record<string, string>; body?: Uint8Array; query?: string },
) {
  const template = JSON.parse(
    readFileSync(new URL(`../fixtures/lambda/${shape}.json`, import.meta.url), "utf8"),
  );
  const body = init.body ?? new Uint8Array();
  return {
    ...template,
    rawPath: init.path,
    rawQueryString: init.query ?? "",
    headers: { ...template.headers, ...init.headers, "content-length": String(body.byteLength) },
    requestContext: {
      ...template.requestContext,
      http: { ...template.requestContext.http, method: init.method, path: init.path },
    },
    body: Buffer.from(body).toString("base64"),
    isBase64Encoded: true,
  };
}

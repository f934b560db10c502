import type { ErrorBody } from "../../src/http/error-handler.ts";

/** The JSON error reply every app builds (src/http/error-handler.ts). */
export async function errorOf(res: Response): Promise<ErrorBody> {
  return (await res.json()) as ErrorBody;
}

/** A JSON body, typed by the caller. */
export async function jsonOf<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

import { handle } from "hono/aws-lambda";
import { createReadApp } from "../src/http/read-app.ts";
import { createReadDeps } from "../src/lambda/read-deps.ts";

export const handler = handle(createReadApp(createReadDeps()));

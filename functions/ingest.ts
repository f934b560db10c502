import { handle } from "hono/aws-lambda";
import { createIngestApp } from "../src/http/ingest-app.ts";
import { createLambdaDeps } from "../src/lambda/deps.ts";

export const handler = handle(createIngestApp(await createLambdaDeps()));

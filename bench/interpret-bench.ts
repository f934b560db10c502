import { interpret } from "../src/interpret/interpret.ts";
import type { KubeObject } from "../src/interpret/kube-object.ts";
import { allFixtures } from "../test/support/fixtures.ts";
import { measure } from "./measure.ts";

/**
 * Interpret throughput on one core over the project's own fixture corpus (every built-in kind, odd states
 * included), against the cost of JSON.parse of the same objects, which the relay pays for every watch event anyway.
 */
export async function benchInterpret(): Promise<Record<string, number | string>> {
  const corpus: KubeObject[] = allFixtures().map((f) => f.object);
  const texts = corpus.map((o) => JSON.stringify(o));
  const kinds = new Set(corpus.map((o) => `${o.apiVersion}/${o.kind}`)).size;

  let sink = 0;
  const interpretRate = measure(corpus.length, () => {
    for (const obj of corpus) sink += interpret(obj).message.length;
  });
  const parseRate = measure(texts.length, () => {
    for (const text of texts) sink += (JSON.parse(text) as KubeObject).kind?.length ?? 0;
  });
  if (sink < 0) console.log(sink);
  return {
    "corpus objects": corpus.length,
    "corpus kinds": kinds,
    "interpret objects/s": Math.round(interpretRate),
    "baseline JSON.parse objects/s": Math.round(parseRate),
    "interpret / JSON.parse": (interpretRate / parseRate).toFixed(2),
    "target ≥ 100k objects/s": interpretRate >= 100_000 ? "met" : "NOT MET",
  };
}

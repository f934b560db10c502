import { ChurnStream } from "./churn-stream.ts";
import { kindGroups } from "./object-population.ts";
import { type Clock, EVENTS, OBJECTS, parseRound, relayRound } from "./throughput.ts";

// Part 1 of the relay bench alone, for A/B runs and CPU profiles of the watch path (`npm run bench`
// cannot pass --cpu-prof through npm):
//   npx node [--cpu-prof --cpu-prof-dir=/tmp/relay-prof] --import tsx bench/relay/throughput-profile.ts [rounds] [parsed] [cpu]
// `parsed`: lines are parsed outside the clock, so the figure is the relay's own µs per event.
// `cpu`: this process's CPU time instead of wall time, for a machine that others are using too.
const args = process.argv.slice(2);
const rounds = Number(args.find((a) => /^\d+$/.test(a)) ?? 20);
const parsed = args.includes("parsed");
const clock: Clock = args.includes("cpu")
  ? () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    }
  : () => performance.now();

const groups = kindGroups();
const stream = new ChurnStream(groups, OBJECTS);
const initial = stream.initial();
const churn = Array.from({ length: EVENTS }, () => stream.next());
const relay: number[] = [];
const parse: number[] = [];
for (let n = 0; n < rounds; n++) {
  relay.push((await relayRound(groups, initial, churn, { parsed, clock })).ms);
  if (!parsed) parse.push(parseRound(churn, clock));
}
const perEvent = (ms: number[]) => (Math.min(...ms) / EVENTS) * 1000;
const line = [
  `best of ${rounds}: ${Math.round(1000 / perEvent(relay))}k events/s, ${perEvent(relay).toFixed(2)} µs per event`,
];
if (!parsed)
  line.push(
    `JSON.parse ${perEvent(parse).toFixed(2)} µs, relay's own ${(perEvent(relay) - perEvent(parse)).toFixed(2)} µs`,
  );
console.log(line.join("; "));

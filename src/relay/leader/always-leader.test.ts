import { describe, expect, it } from "vitest";
import { alwaysLeader } from "./always-leader.ts";

function recorded() {
  const events: string[] = [];
  const callbacks = {
    onStartedLeading: () => events.push("started"),
    onStoppedLeading: () => events.push("stopped"),
    onNewLeader: (identity: string) => events.push(`leader ${identity}`),
  };
  return { events, callbacks };
}

describe("leadership without an election", () => {
  it("leads from start until stop", async () => {
    const { events, callbacks } = recorded();
    const leadership = alwaysLeader(callbacks, "dev");

    leadership.start();
    expect(leadership.isLeader()).toBe(true);
    await leadership.stop();

    expect(leadership.isLeader()).toBe(false);
    expect(events).toEqual(["leader dev", "started", "stopped"]);
  });

  it("does not lead again once stopped", async () => {
    const { events, callbacks } = recorded();
    const leadership = alwaysLeader(callbacks);
    await leadership.stop();

    leadership.start();

    expect(leadership.isLeader()).toBe(false);
    expect(events).toEqual([]);
  });
});

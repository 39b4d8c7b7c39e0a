import {
  CLAIM_LEASE_MS,
  claimTakeable,
  HOLDER_STALE_MS,
  holderGone,
  type HolderRecord,
  type Observer,
} from "../../src/domain/claims";

const NOW = new Date("2026-12-02T10:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const LIVE_PIDS = new Set([100, 200]);
const me: Observer = { holderId: "me", host: "box-a", now: NOW, pidAlive: (pid) => LIVE_PIDS.has(pid) };
const holder = (over: Partial<HolderRecord> = {}): HolderRecord => ({
  id: "other",
  host: "box-a",
  pid: 200,
  heartbeatAt: ago(1_000),
  ...over,
});

describe("holderGone", () => {
  it.each([
    ["heartbeating, pid alive on this host", holder(), false],
    ["heartbeating, pid gone on this host", holder({ pid: 300 }), true],
    ["heartbeating on another host (its pids are not ours to check)", holder({ host: "box-b", pid: 300 }), false],
    ["silent just under the limit, other host", holder({ host: "box-b", heartbeatAt: ago(HOLDER_STALE_MS) }), false],
    ["silent past the limit, other host", holder({ host: "box-b", heartbeatAt: ago(HOLDER_STALE_MS + 1) }), true],
    [
      "silent past the limit though its pid is alive (a reused pid)",
      holder({ heartbeatAt: ago(HOLDER_STALE_MS + 1) }),
      true,
    ],
    [
      "the observer itself, however late its heartbeat",
      holder({ id: "me", heartbeatAt: ago(HOLDER_STALE_MS * 10), pid: 300 }),
      false,
    ],
  ])("%s → %p", (_, h, gone) => {
    expect(holderGone(h, me)).toBe(gone);
  });
});

describe("claimTakeable", () => {
  const fresh = ago(1_000);
  it.each([
    ["held by a live holder", { holderId: "other", claimedAt: fresh }, holder(), false],
    [
      "held by a holder whose pid is gone (kill -9 on this host)",
      { holderId: "other", claimedAt: fresh },
      holder({ pid: 300 }),
      true,
    ],
    [
      "held by a holder on another host that stopped heartbeating",
      { holderId: "other", claimedAt: fresh },
      holder({ host: "box-b", heartbeatAt: ago(HOLDER_STALE_MS + 1) }),
      true,
    ],
    [
      "held by a holder whose row is gone (it stopped, or was found dead)",
      { holderId: "other", claimedAt: fresh },
      undefined,
      true,
    ],
    ["held by this very process", { holderId: "me", claimedAt: fresh }, holder({ id: "me" }), false],
    [
      "held by this very process past the lease (it lost track of it: a database write failed)",
      { holderId: "me", claimedAt: ago(CLAIM_LEASE_MS) },
      holder({ id: "me" }),
      true,
    ],
    [
      "given back for the next run (no holder, claimed at the epoch)",
      { holderId: null, claimedAt: new Date(0) },
      undefined,
      true,
    ],
    ["claimed without a holder, within the lease", { holderId: null, claimedAt: fresh }, undefined, false],
    ["claimed without a holder, past the lease", { holderId: null, claimedAt: ago(CLAIM_LEASE_MS) }, undefined, true],
    [
      "held by a live holder that has not renewed it for a lease",
      { holderId: "other", claimedAt: ago(CLAIM_LEASE_MS) },
      holder(),
      true,
    ],
  ])("%s → %p", (_, claim, h, takeable) => {
    expect(claimTakeable(claim, h, me)).toBe(takeable);
  });

  it("a process without a holder of its own still takes over a dead holder's claim", () => {
    const anonymous: Observer = { host: "box-a", now: NOW, pidAlive: (pid) => LIVE_PIDS.has(pid) };
    expect(claimTakeable({ holderId: "other", claimedAt: ago(1_000) }, holder({ pid: 300 }), anonymous)).toBe(true);
    expect(claimTakeable({ holderId: "other", claimedAt: ago(1_000) }, holder(), anonymous)).toBe(false);
  });
});

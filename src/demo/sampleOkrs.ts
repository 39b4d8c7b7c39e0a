// The demo's OKRs, from the guides' good examples. No `cycle:`: the quarter containing the clock.
export const SAMPLE_OKRS_YAML = `teams:
  - name: Platform
    channel: C0PLATFORM
    managers: [U0MAYA]
    timezone: Europe/London
    checkin: { day: monday, time: "09:00" }
    digest: { day: friday, time: "16:00" }
    objectives:
      - title: Make our platform reliable enough that customers trust us
        owner: U0MAYA
        why: Reduce churn
        key_results:
          - title: Reduce P1 incidents
            owner: U0ALICE
            baseline: 8
            target: 2
            unit: incidents/quarter
            measured_by: P1 count in the incident tracker
          - title: Improve checkout success rate
            owner: U0BOB
            baseline: 94
            target: 98
            unit: "%"
            measured_by: Successful checkouts / attempted checkouts, from the payments dashboard
          - title: Reduce mean time to recovery (MTTR)
            owner: U0CHEN
            baseline: 120
            target: 30
            unit: minutes
            measured_by: Median time from page to resolved, in the incident tracker
  - name: Data
    channel: C0DATA
    managers: [U0RAVI]
    timezone: America/New_York
    objectives:
      - title: Make data trustworthy and accessible
        owner: U0RAVI
        why: Decisions are only as good as the data behind them
        key_results:
          - title: Reduce data quality incidents
            owner: U0DANA
            baseline: 6
            target: 1
            unit: incidents/quarter
            measured_by: Data quality incidents filed in the tracker
          - title: Keep dashboards fresh
            owner: U0DANA
            baseline: 60
            target: 15
            unit: minutes stale (max)
            measured_by: Max staleness across the top 20 dashboards
          - title: Grow self-serve analytics adoption
            owner: U0EVE
            baseline: 40
            target: 80
            unit: "% of data requests"
            measured_by: Requests resolved without the data team / all data requests
`;

export const SAMPLE_PEOPLE = [
  { id: "U0MAYA", name: "maya", realName: "Maya (Platform lead)", tz: "Europe/London" },
  { id: "U0ALICE", name: "alice", realName: "Alice", tz: "Europe/London" },
  { id: "U0BOB", name: "bob", realName: "Bob", tz: "America/New_York" },
  { id: "U0CHEN", name: "chen", realName: "Chen", tz: "Asia/Tokyo" },
  { id: "U0RAVI", name: "ravi", realName: "Ravi (Data lead)", tz: "America/New_York" },
  { id: "U0DANA", name: "dana", realName: "Dana", tz: "America/Los_Angeles" },
  { id: "U0EVE", name: "eve", realName: "Eve", tz: null },
] as const;

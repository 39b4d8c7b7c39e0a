import { lintOkrs, type Finding, type LintKeyResult } from "../../src/domain";

// A key result complete in every field, so only the title's wording can produce findings.
const kr = (title: string): LintKeyResult => ({ title, owner: "U1", baseline: 10, target: 5, measuredBy: "Dashboard" });
const wordingFindings = (title: string): Finding[] =>
  lintOkrs({
    objectives: [{ title: "Objective", owner: "U1", keyResults: [kr(title), kr("Other KR 1"), kr("Other KR 2")] }],
  }).filter((f) => f.path === "objectives[0].key_results[0].title");

describe("good key results from the guides raise nothing", () => {
  it.each([
    "Reduce P1 incidents from 8/quarter to 2/quarter",
    "Improve checkout success rate from 94% to 98%",
    "Reduce mean time to recovery (MTTR) from 2 hours to 30 minutes",
    "Reduce checkout page load time from 3.2s to 1.5s",
    "Achieve 99.95% uptime (from current 99.7%)",
    "Reduce lead time from 14 days to 3 days",
    "Reduce cloud spend per transaction from $0.12 to $0.06",
    "Reduce escaped bugs (bugs found in production) from 12/month to 4/month",
    "Reduce time from merge to production from 48 hours to 4 hours",
    "Reduce build time from 25 minutes to 8 minutes",
    "Reduce deployment failure rate from 8% to 1%",
    "Achieve autoscaling response time < 60s for traffic spikes",
    "Reduce infrastructure cost per active user from $2.40 to $1.50",
    "Features shipped this quarter increase NPS by 5 points",
    "Reduce average bug fix time from 5 days to 1 day",
    "New features have < 2% error rate in first week post-launch",
    "Data pipeline freshness: all dashboards < 15 min stale",
    "Reduce data quality incidents from 6/quarter to 1/quarter",
    "Self-serve analytics adoption: 80% of data requests resolved without data team intervention (currently 40%)",
    "Feature X increases metric Y by Z% within 30 days of launch",
    "Increase user engagement by 15% with Feature X",
    "Increase user engagement with Feature X by 20%",
    "Reduce P99 latency of payment processing by 30%",
    "Reduce deployment time by 50%",
    "Reduce rollback rate to under 1%",
    "Checkout conversion after the redesign launched grows from 2.1% to 2.6%",
    "Bugs fixed within SLA from 60% to 90%",
    "p95 API latency below 300ms",
    "Keep build times under 10 minutes",
    "Customer onboarding completed within 2 days for 90% of signups",
  ])("%p", (title) => {
    expect(wordingFindings(title)).toEqual([]);
  });
});

describe("output verbs", () => {
  it.each([
    ["Ship feature X by date Y", "Feature X increases metric Y by Z% within 30 days of launch"],
    ["Ship the billing page within 2 weeks", "Billing page increases metric Y by Z% within 30 days of launch"],
    ["Deploy Feature X", "Feature X increases metric Y by Z% within 30 days of launch"],
    ["Complete Feature X", "Feature X increases metric Y by Z% within 30 days of launch"],
    ["Launch the new onboarding flow", "New onboarding flow increases metric Y by Z% within 30 days of launch"],
    [
      "Build a self-serve billing portal before June",
      "Self-serve billing portal increases metric Y by Z% within 30 days of launch",
    ],
    ["Implement SSO", "SSO increases metric Y by Z% within 30 days of launch"],
    ["Release the iOS app in Q3", "iOS app increases metric Y by Z% within 30 days of launch"],
    ["Roll out dark mode to all users", "Dark mode to all users increases metric Y by Z% within 30 days of launch"],
    ["Migrate billing to Stripe by March 31", "Billing to Stripe increases metric Y by Z% within 30 days of launch"],
    ["Finishing the search rewrite", "Search rewrite increases metric Y by Z% within 30 days of launch"],
    ["Mobile app v2 shipped to the App Store", "Feature X increases metric Y by Z% within 30 days of launch"],
    ["Partner API released in Q3", "Feature X increases metric Y by Z% within 30 days of launch"],
    ["Launch of the partner portal", "Partner portal increases metric Y by Z% within 30 days of launch"],
    ["Migration to Kubernetes", "Feature X increases metric Y by Z% within 30 days of launch"],
    ["Write runbooks for all services", "Runbooks for all services increases metric Y by Z% within 30 days of launch"],
    ["New checkout goes live", "Feature X increases metric Y by Z% within 30 days of launch"],
  ])("%p", (title, rewrite) => {
    const findings = wordingFindings(title);
    expect(findings).toEqual([
      {
        severity: "warning",
        code: "output_verb",
        path: "objectives[0].key_results[0].title",
        message: expect.stringMatching(/not an outcome/),
        suggestion: `Say what it should change, e.g. "${rewrite}".`,
      },
    ]);
  });
});

describe("vanity metrics", () => {
  it.each([
    [
      "Increase test coverage to 80%",
      "test coverage",
      "Reduce escaped bugs (bugs found in production) from 12/month to 4/month",
    ],
    [
      "Increase automated test coverage from 60% to 85%",
      "test coverage",
      "Reduce escaped bugs (bugs found in production) from 12/month to 4/month",
    ],
    [
      "Code coverage above 90%",
      "test coverage",
      "Reduce escaped bugs (bugs found in production) from 12/month to 4/month",
    ],
    ["Deploy 3x more frequently", "number of deploys", "Reduce time from merge to production from 48 hours to 4 hours"],
    [
      "Increase deployment frequency to daily",
      "number of deploys",
      "Reduce time from merge to production from 48 hours to 4 hours",
    ],
    [
      "Double the number of deployments",
      "number of deploys",
      "Reduce time from merge to production from 48 hours to 4 hours",
    ],
    ["20 deploys per week", "number of deploys", "Reduce time from merge to production from 48 hours to 4 hours"],
    ["Reduce tech debt backlog by 50%", "tech debt backlog", "Reduce build time from 25 minutes to 8 minutes"],
    ["Reduce tech debt by 30%", "tech debt backlog", "Reduce build time from 25 minutes to 8 minutes"],
    ["Pay down technical debt", "tech debt backlog", "Reduce build time from 25 minutes to 8 minutes"],
    [
      "Reduce linting errors by 50%",
      "linting errors",
      "Reduce escaped bugs (bugs found in production) from 12/month to 4/month",
    ],
    ["Close 200 Jira tickets", "tickets closed", "Reduce average bug fix time from 5 days to 1 day"],
    ["Tickets closed per sprint from 30 to 45", "tickets closed", "Reduce average bug fix time from 5 days to 1 day"],
    ["Increase sprint velocity by 20%", "story points / velocity", "Reduce lead time from 14 days to 3 days"],
    ["Increase velocity by 20%", "story points / velocity", "Reduce lead time from 14 days to 3 days"],
    ["Deliver 120 story points per sprint", "story points / velocity", "Reduce lead time from 14 days to 3 days"],
    ["Conduct 10 architecture reviews", "architecture reviews", undefined],
    ["Write 20,000 lines of code", "lines of code", undefined],
    ["Increase the number of pull requests merged", "commits / pull requests", undefined],
  ])("%p is %p", (title, name, alternative) => {
    const findings = wordingFindings(title);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({
      severity: "warning",
      code: "vanity_metric",
      path: "objectives[0].key_results[0].title",
    });
    expect(finding?.message).toContain(`"${name}"`);
    if (alternative) expect(finding?.suggestion).toBe(`Use an ungameable outcome instead, e.g. "${alternative}".`);
    else expect(finding?.suggestion).toMatch(/Measure the outcome/);
  });

  it("reports each vanity metric in a title", () => {
    const codes = wordingFindings("Increase test coverage and cut lint errors by half").map((f) => f.message);
    expect(codes).toEqual([expect.stringContaining('"test coverage"'), expect.stringContaining('"linting errors"')]);
  });

  it("quotes how the guide says the metric gets gamed", () => {
    expect(wordingFindings("Increase test coverage to 80%")[0]?.message).toContain(
      "writing trivial tests that cover code but test nothing",
    );
    expect(wordingFindings("Deploy 3x more frequently")[0]?.message).toContain(
      "splitting deploys into smaller, meaningless releases",
    );
    expect(wordingFindings("Reduce tech debt backlog by 50%")[0]?.message).toContain(
      "closing tickets, reclassifying, or just deleting items",
    );
  });
});

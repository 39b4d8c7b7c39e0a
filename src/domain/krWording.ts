// Wording checks for key-result titles, from the engineering OKR guide:
// outputs ("Ship feature X") are project milestones, not outcomes, and activity
// metrics ("Increase test coverage to 80%") can be hit without improving anything.

const ESCAPED_BUGS_KR = "Reduce escaped bugs (bugs found in production) from 12/month to 4/month";

export interface VanityMetric {
  /** What the metric is called in a finding, e.g. "test coverage". */
  name: string;
  patterns: RegExp[];
  gamedBy: string;
  /** The guide's ungameable replacement, where it has one. */
  alternative?: string;
}

export const VANITY_METRICS: readonly VanityMetric[] = [
  {
    name: "test coverage",
    patterns: [/\b(?:test|tests|testing|code|line|branch|statement)\s+coverage\b/],
    gamedBy: "writing trivial tests that cover code but test nothing",
    alternative: ESCAPED_BUGS_KR,
  },
  {
    name: "number of deploys",
    patterns: [
      /\b(?:number|count|#)\s+of\s+(?:deploys|deployments|releases)\b/,
      /\b(?:deploy|deployment|release)s?\s+(?:frequency|cadence|count)\b/,
      /\b(?:deploys|deployments|releases)\s+(?:per|a|each)\s+(?:day|week|month|sprint|quarter)\b/,
      /\b(?:more\s+frequent|daily|weekly)\s+(?:deploys|deployments|releases)\b/,
      // "Deploy 3x more frequently", "ship more often"
      /\b(?:deploy|deploys|deploying|deployments?|release|releases|releasing|ship|shipping)\b.*?(?:\bmore\s+(?:frequently|often)\b|\b\d+(?:\.\d+)?\s*x\b)/,
    ],
    gamedBy: "splitting deploys into smaller, meaningless releases",
    alternative: "Reduce time from merge to production from 48 hours to 4 hours",
  },
  {
    name: "tech debt backlog",
    patterns: [/\btech(?:nical)?[\s-]+debt\b/],
    gamedBy: "closing tickets, reclassifying, or just deleting items",
    alternative: "Reduce build time from 25 minutes to 8 minutes",
  },
  {
    name: "lines of code",
    patterns: [/\blines\s+of\s+code\b/],
    gamedBy: "writing (or deleting) code whether or not it helps anyone",
  },
  {
    name: "tickets closed",
    patterns: [
      /\b(?:tickets|issues|tasks|bugs)\s+(?:closed|resolved|completed)\b/,
      /\b(?:close|resolve|complete)\s+\d+\s+(?:\w+\s+)?(?:tickets|issues|tasks|bugs)\b/,
      /\b(?:number|count|#)\s+of\s+(?:closed\s+)?(?:tickets|issues|tasks)\b/,
    ],
    gamedBy: "splitting, closing or reclassifying tickets",
    alternative: "Reduce average bug fix time from 5 days to 1 day",
  },
  {
    name: "story points / velocity",
    patterns: [
      /\bstory[\s-]+points?\b/,
      /\b(?:sprint|team|scrum|development|engineering)\s+velocity\b/,
      /^(?:increase|improve|raise|boost|double)\s+(?:our\s+|the\s+)?velocity\b/,
    ],
    gamedBy: "inflating estimates",
    alternative: "Reduce lead time from 14 days to 3 days",
  },
  {
    name: "linting errors",
    patterns: [/\b(?:lint|linting|linter|eslint)\s+(?:errors|warnings|issues|violations)\b/],
    gamedBy: "disabling rules or sprinkling ignore comments",
    alternative: ESCAPED_BUGS_KR,
  },
  {
    name: "architecture reviews",
    patterns: [
      /\barchitecture\s+reviews?\b/,
      /\b(?:conduct|hold|run|organi[sz]e)\s+\d+\b/, // "Conduct 10 …": counting meetings held
    ],
    gamedBy: "holding the reviews without changing anything",
  },
  {
    name: "commits / pull requests",
    patterns: [
      /\b(?:number|count|#)\s+of\s+(?:commits|pull\s+requests|prs|merge\s+requests|code\s+reviews)\b/,
      /\b(?:commits|pull\s+requests|prs|merge\s+requests)\s+(?:merged|opened|made)\b/,
    ],
    gamedBy: "splitting work into more, smaller pieces",
  },
];

export function vanityMetricsIn(title: string): VanityMetric[] {
  const text = title.toLowerCase();
  return VANITY_METRICS.filter((metric) => metric.patterns.some((pattern) => pattern.test(text)));
}

// ---------- outputs vs outcomes ----------

const OUTPUT_VERBS = [
  "ship",
  "launch",
  "complete",
  "deploy",
  "build",
  "implement",
  "release",
  "deliver",
  "finish",
  "create",
  "migrate",
  "develop",
  "integrate",
  "refactor",
  "rewrite",
  "write",
  "introduce",
  "upgrade",
  "publish",
  "roll out",
  "rollout",
  "set up",
  "setup",
] as const;

// Past forms used "around" a title: "Checkout redesign launched by June".
const OUTPUT_PARTICIPLES = [
  "shipped",
  "launched",
  "completed",
  "deployed",
  "built",
  "implemented",
  "released",
  "delivered",
  "finished",
  "created",
  "migrated",
  "developed",
  "integrated",
  "refactored",
  "rewritten",
  "written",
  "introduced",
  "upgraded",
  "published",
  "rolled out",
  "set up",
] as const;

// Nouns that name a milestone: "Launch of the mobile app", "Migration to Postgres".
const MILESTONE_NOUN =
  /\b(?:launch|migration|rollout|roll-out|release|delivery|completion|implementation|deployment)\s+(?:of|to)\b|\b(?:go|goes|going|went|is|are|be)\s+live\b/;

function inflections(verb: string): string[] {
  const [head = verb, ...rest] = verb.split(" ");
  const tail = rest.length > 0 ? ` ${rest.join(" ")}` : "";
  const stem = head.endsWith("e") ? head.slice(0, -1) : head;
  const doubled = /^(?:ship|set)$/.test(head) ? head + head.slice(-1) : head;
  const ing = head.endsWith("e") ? `${stem}ing` : `${doubled}ing`;
  const s = /(?:sh|ch)$/.test(head) ? `${head}es` : `${head}s`;
  return [head, s, ing].map((form) => form + tail);
}

const LEADING_OUTPUT = new RegExp(`^(?:${OUTPUT_VERBS.flatMap(inflections).join("|")})\\b(?!-)`);
const OUTPUT_PARTICIPLE = new RegExp(`(?<![\\w-])(?:${OUTPUT_PARTICIPLES.join("|")})\\b(?!-)`);

// A title that names a change in a metric ("… increase NPS by 5 points") or a
// threshold ("< 2% error rate") describes an outcome, even if it mentions shipping.
const REGULAR_CHANGE_VERBS = [
  "increase",
  "reduce",
  "decrease",
  "improve",
  "raise",
  "lower",
  "boost",
  "double",
  "halve",
  "triple",
  "achieve",
  "maintain",
  "reach",
  "drop",
];
const IRREGULAR_CHANGE_VERB_FORMS = [
  "grow",
  "grows",
  "grew",
  "grown",
  "growing",
  "cut",
  "cuts",
  "cutting",
  "shrink",
  "shrinks",
  "shrank",
  "shrinking",
  "hit",
  "hits",
  "hitting",
  "dropped",
  "dropping",
];
function regularForms(verb: string): string {
  return verb.endsWith("e") ? `${verb.slice(0, -1)}(?:e|es|ed|ing)` : `${verb}(?:|s|es|ed|ing)`;
}
const CHANGE_VERB = new RegExp(
  `\\b(?:${[...REGULAR_CHANGE_VERBS.map(regularForms), ...IRREGULAR_CHANGE_VERB_FORMS].join("|")})\\b`,
);
const THRESHOLD =
  /(?:[<>≤≥]=?\s*[$€£]?\d|\b(?:under|below|above|over|at\s+least|at\s+most|less\s+than|more\s+than|fewer\s+than)\s+[$€£]?\d|\bfrom\s+[$€£]?\d.*\bto\s+[$€£]?\d)/;

const TURNAROUND = /\bwithin\s+\d/;

function normalize(title: string): string {
  return title.toLowerCase().replace(/\s+/g, " ").trim();
}

export function statesOutcome(title: string): boolean {
  const text = normalize(title);
  return CHANGE_VERB.test(text) || THRESHOLD.test(text);
}

/** Whether the title describes an output (a milestone) rather than a change in a metric. */
export function describesOutput(title: string): boolean {
  const text = normalize(title);
  if (statesOutcome(text)) return false;
  if (LEADING_OUTPUT.test(text)) return true; // "Ship X within 2 weeks" is still a milestone
  if (TURNAROUND.test(text)) return false; // "Onboarding completed within 2 days for 90% of signups"
  return OUTPUT_PARTICIPLE.test(text) || MILESTONE_NOUN.test(text);
}

function capitalize(s: string): string {
  if (/^[a-z]+[A-Z]/.test(s)) return s; // "iOS", "eBay"
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The guide's rewrite of an output KR as an outcome:
 * "Ship feature X by date Y" → "Feature X increases metric Y by Z% within 30 days of launch".
 */
export function outcomeRewrite(title: string): string {
  const text = title.replace(/\s+/g, " ").trim();
  const leading = LEADING_OUTPUT.exec(text.toLowerCase());
  const subject = leading
    ? text
        .slice(leading[0].length)
        .trim()
        .replace(
          /\s+(?:by|before|until|within|in time for|no later than|in q[1-4]|this quarter|next quarter)\b.*$/i,
          "",
        )
        .replace(/^(?:of|to)\s+/i, "") // "Launch of the partner portal"
        .replace(/^(?:the|our|a|an)\s+/i, "")
    : "";
  return `${capitalize(subject || "Feature X")} increases metric Y by Z% within 30 days of launch`;
}

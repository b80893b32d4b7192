/**
 * Acme AI, the demo's organization, as data: its departments and teams with their monthly limits,
 * the people and agents who work in them and how they use AI, and what fills the wallet. The
 * amounts are sized so that a month of the simulated activity uses most of the included credits,
 * the tighter hard limits refuse some holds near their edge, and top-ups keep every carrier out
 * of debt.
 */
import type { Micros } from "@creditpool/core";
import { credits } from "@creditpool/core";
import type { MemberKind, Role } from "../access/roles.ts";

/** The most weeks of activity the demo simulates. */
export const demoWeeksMax = 52;

export const demoSizes = ["full", "small"] as const;
export type DemoSize = (typeof demoSizes)[number];

export interface MonthlyLimit {
  readonly amount: Micros;
  readonly kind: "hard" | "soft";
}

export interface TeamSpec {
  readonly name: string;
  readonly limit: MonthlyLimit | null;
}

export interface DepartmentSpec {
  readonly name: string;
  /** False: the department is funded on its own (a carrier), not from the organization's grants. */
  readonly drawsFromParent: boolean;
  readonly limit: MonthlyLimit | null;
  readonly teams: readonly TeamSpec[];
}

/**
 * When an actor works: `office` weekdays in office hours, `support` long days and some weekend,
 * `always` around the clock, `nightly` a batch window.
 */
export type Rhythm = "office" | "support" | "always" | "nightly";

/** The size of a call: a small model, a standard one, or a long-context or reasoning model. */
export type CallSize = "light" | "standard" | "heavy";

/** The use case each rhythm of work is tagged with, so reports can group by it. */
export const useCaseOf: Record<Rhythm, string> = {
  office: "assistant",
  support: "support",
  always: "agents",
  nightly: "batch",
};

/** The catalog model each size of call runs on. */
export const modelOf: Record<CallSize, string> = {
  light: "gpt-5-nano",
  standard: "gpt-5-mini",
  heavy: "gpt-5",
};

export interface ActorSpec {
  readonly name: string;
  readonly kind: MemberKind;
  readonly role: Role;
  /** The team pool the member works in and its key is bound to; null for organization roles. */
  readonly team: string | null;
  readonly rhythm: Rhythm;
  /** Calls per hour at the busiest time of the rhythm; 0 for members who do not call. */
  readonly callsPerHour: number;
  readonly callSize: CallSize;
  /** `holds`: hold before each call, settle after; `usage`: record what was used, no hold. */
  readonly mode: "holds" | "usage";
  /** A new hire: joins on this day of the simulated weeks (a share of them, 0 to 1). */
  readonly joinsAt?: number;
}

export interface AcmeSpec {
  readonly name: string;
  readonly departments: readonly DepartmentSpec[];
  readonly actors: readonly ActorSpec[];
  /** Included in the plan per month, granted to the root pool. */
  readonly planMonthly: Micros;
  /** Included per person seat per month, granted to the seat holder's carrier pool. */
  readonly seatMonthly: Micros;
  /** The opening top-up pack on the root pool, and each automatic top-up. */
  readonly purchase: Micros;
  readonly promotion: Micros;
  /** Research's own budget: a commitment for the year. */
  readonly commitment: Micros;
  /** Money paid per credit (micro-units of the currency), by grant source. */
  readonly costBasis: {
    readonly plan: Micros;
    readonly seat: Micros;
    readonly purchase: Micros;
    readonly commitment: Micros;
  };
}

const person = (
  name: string,
  team: string,
  rhythm: Rhythm,
  callsPerHour: number,
  callSize: CallSize = "standard",
): ActorSpec => ({
  name,
  kind: "person",
  role: "member",
  team,
  rhythm,
  callsPerHour,
  callSize,
  mode: "holds",
});

const agent = (
  name: string,
  team: string,
  rhythm: Rhythm,
  callsPerHour: number,
  callSize: CallSize,
  mode: "holds" | "usage" = "holds",
): ActorSpec => ({
  name,
  kind: "agent",
  role: "agent",
  team,
  rhythm,
  callsPerHour,
  callSize,
  mode,
});

/** The organization's own roles: seats, keys, no calls of their own. */
const officer = (name: string, role: Role): ActorSpec => ({
  name,
  kind: "person",
  role,
  team: null,
  rhythm: "office",
  callsPerHour: 0,
  callSize: "standard",
  mode: "holds",
});

const organizationRoles: readonly ActorSpec[] = [
  officer("Dana Whitfield", "owner"),
  officer("Sam Okafor", "admin"),
  officer("Priya Raman", "billing"),
  officer("Alex Chen", "viewer"),
];

const monthly = (amount: string, kind: "hard" | "soft"): MonthlyLimit => ({
  amount: credits(amount),
  kind,
});

export function acmeSpec(size: DemoSize): AcmeSpec {
  const full = size === "full";
  const departments: DepartmentSpec[] = [
    {
      name: "Engineering",
      drawsFromParent: true,
      limit: monthly("60000", "soft"),
      teams: [
        { name: "Platform", limit: monthly("30000", "soft") },
        ...(full ? [{ name: "Mobile", limit: monthly("9000", "hard") }] : []),
      ],
    },
    {
      name: "Support",
      drawsFromParent: true,
      limit: null,
      teams: [
        { name: "Tier 1", limit: monthly("3500", "hard") },
        ...(full ? [{ name: "Tier 2", limit: monthly("8000", "soft") }] : []),
      ],
    },
    {
      name: "Research",
      drawsFromParent: false,
      limit: monthly("40000", "hard"),
      teams: [{ name: "Models", limit: monthly("30000", "hard") }],
    },
  ];
  const actors: ActorSpec[] = [
    ...organizationRoles,
    person("Maya Lindqvist", "Platform", "office", 9),
    person("Tomás Herrera", "Platform", "office", 7),
    ...(full ? [person("Aiko Tanaka", "Platform", "office", 8, "heavy")] : []),
    { ...person("Jonah Reed", "Platform", "office", 6), joinsAt: 0.4 },
    agent("ci-review-bot", "Platform", "office", 14, "standard"),
    agent("docs-indexer", "Platform", "always", 6, "light", "usage"),
    person("Chloe Martin", "Tier 1", "support", 10, "light"),
    person("Diego Alvarez", "Tier 1", "support", 10, "light"),
    agent("triage-agent", "Tier 1", "support", 40, "light"),
    person("Ingrid Solberg", "Models", "office", 6, "heavy"),
    agent("eval-runner", "Models", "nightly", 20, "heavy"),
  ];
  if (full) {
    actors.push(
      person("Fatima Zahra", "Tier 1", "support", 10, "light"),
      person("Lena Novak", "Mobile", "office", 8),
      person("Ravi Shah", "Mobile", "office", 7),
      agent("release-notes-agent", "Mobile", "office", 3, "heavy"),
      person("Noah Becker", "Tier 2", "support", 6),
      person("Grace Kim", "Tier 2", "support", 6),
      agent("call-transcriber", "Tier 2", "support", 12, "standard", "usage"),
      person("Kwame Mensah", "Models", "office", 5, "heavy"),
    );
  }
  return {
    name: "Acme AI",
    departments,
    actors,
    planMonthly: credits(full ? "25000" : "12000"),
    seatMonthly: credits("1500"),
    purchase: credits(full ? "40000" : "20000"),
    promotion: credits("10000"),
    commitment: credits(full ? "120000" : "60000"),
    costBasis: {
      plan: credits("0.008"),
      seat: credits("0.009"),
      purchase: credits("0.01"),
      commitment: credits("0.007"),
    },
  };
}

export type { Db } from "./client";
export type {
  CheckIn,
  CheckinPrompt,
  Cycle,
  Escalation,
  KeyResult,
  Objective,
  Person,
  Prisma,
  RetroEntry,
  SlackMessage,
  Team,
  Workspace,
} from "../generated/sqlite/client";
import type { Prisma } from "../generated/sqlite/client";

/** A client inside `db.$transaction(async (tx) => …)`; repository functions accept either. */
export type Tx = Prisma.TransactionClient;

/** Prisma's error code for a unique-constraint violation. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "P2002";
}

/** Prisma's error code for an update whose `where` matched no row. */
export function isNoRowMatched(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "P2025";
}

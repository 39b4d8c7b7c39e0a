// Checks of the values given on the command line; a wrong one is a usage error naming what is expected.
import { isCycleKey } from "../domain/time";
import { RECORD_FORMATS, type RecordFormat } from "../domain/records";
import { isJobName, JOB_NAMES, type JobName } from "../jobs";
import { UsageError } from "./errors";

export const EXPORT_FORMATS = ["yaml", ...RECORD_FORMATS] as const;
export type ExportFormat = "yaml" | RecordFormat;

export function workspaceId(value: string | undefined): string | undefined {
  if (value !== undefined && !/^[TE][A-Z0-9]{2,}$/.test(value))
    throw new UsageError(`--workspace should be a Slack team id such as T0123ABCD, not "${value}"`);
  return value;
}

export function slackUserId(value: string): string {
  if (!/^[UW][A-Z0-9]{2,}$/.test(value))
    throw new UsageError(
      `"${value}" is not a Slack user id: it looks like U0123ABCD (the person's profile → ⋮ → Copy member ID)`,
    );
  return value;
}

export function cycleKey(value: string | undefined): string | undefined {
  if (value !== undefined && !isCycleKey(value))
    throw new UsageError(`--cycle should be a quarter such as 2026-Q4, not "${value}"`);
  return value;
}

export function exportFormat(value: string): ExportFormat {
  if (!(EXPORT_FORMATS as readonly string[]).includes(value))
    throw new UsageError(`--format should be one of ${EXPORT_FORMATS.join(", ")}, not "${value}"`);
  return value as ExportFormat;
}

export function jobName(value: string): JobName {
  if (!isJobName(value))
    throw new UsageError(`there is no job "${value}": it should be one of ${JOB_NAMES.join(", ")}`);
  return value;
}

export function isoTime(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
  const date = new Date(value);
  if (!ok || Number.isNaN(date.getTime()))
    throw new UsageError(`--now should be an ISO-8601 time with a zone, e.g. 2026-11-23T09:00:00Z, not "${value}"`);
  return date;
}

export function port(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535)
    throw new UsageError(`--port should be a TCP port number (0 for any free one), not "${value}"`);
  return n;
}

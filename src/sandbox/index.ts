/** Slack sandbox: a local Slack Web API + a signed-request sender, for end-to-end tests. */
export { SlackSandbox, type SlackSandboxOptions } from "./server";
export { SandboxWorkspace, type SandboxWorkspaceOptions } from "./workspace";
export type { SandboxOAuthApp } from "./oauth";
export {
  SlackRequester,
  type SlackRequesterOptions,
  type SendOptions,
  type SlackRequestResult,
  type CommandResult,
  type BlockActionResult,
  type ViewSubmissionResult,
  type ActionContainer,
} from "./requester";
export { waitFor } from "./waitFor";
export { findPings } from "./pings";
export { renderBlocksAsText, renderTranscript } from "./transcript";
export { validateBlocks, validateView, blocksTextLength, LIMITS, type Surface } from "./blockKitLimits";
export { buildStateValues, stateValueFor, type SimpleValue, type SimpleValues } from "./viewState";
export type { SubmissionOutcome } from "./api/views";
export type {
  ApiCallRecord,
  Block,
  FaultKind,
  FaultSpec,
  Json,
  RateLimitSpec,
  ResponseUrlContext,
  ResponseUrlRecord,
  SandboxEphemeral,
  SandboxFile,
  SandboxFileRef,
  SandboxMessage,
  SandboxUser,
  SandboxUserSeed,
  SandboxView,
} from "./types";

/** Slack sandbox: a local Slack Web API and Socket Mode server + a request sender (signed HTTP or Socket Mode), for end-to-end tests. */
export { SlackSandbox, type SlackSandboxOptions } from "./server";
export { SandboxWorkspace, type SandboxWorkspaceOptions } from "./workspace";
export type { SandboxOAuthApp } from "./oauth";
export {
  SandboxSocketMode,
  type SandboxSocketModeOptions,
  type ConnectionsOpenRecord,
  type DeliveryResult,
  type DisconnectReason,
  type EnvelopeRecord,
  type EnvelopeType,
} from "./socketMode";
export { HttpTransport, SocketModeTransport, type RequestTransport, type DeliverOptions } from "./transport";
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

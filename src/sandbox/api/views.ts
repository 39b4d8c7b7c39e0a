import { normalizeBlocks } from "../normalize";
import type { Block, Json, SandboxView } from "../types";
import { type ApiContext, type ApiHandler, SlackApiError, checkView, fail, requireStr, str } from "./common";

export const MAX_MODAL_STACK = 3;

/** Consume a trigger_id: unknown → invalid_trigger_id, used or older than the TTL → expired_trigger_id. */
function useTrigger(args: Json, ctx: ApiContext): { user: string; consume: () => void } {
  const id = str(args, "trigger_id");
  const t = id === undefined ? undefined : ctx.state.triggers.get(id);
  if (!t) fail("invalid_trigger_id");
  if (t.used || Date.now() - t.issuedAt > ctx.triggerTtlMs) fail("expired_trigger_id");
  return {
    user: t.user ?? "",
    consume: () => {
      t.used = true;
    },
  };
}

function slackView(spec: Json, v: Omit<SandboxView, "view">, ctx: ApiContext, state: Json): Json {
  return {
    id: v.id,
    team_id: ctx.identity.teamId,
    type: spec.type,
    blocks: normalizeBlocks(Array.isArray(spec.blocks) ? (spec.blocks as Block[]) : []),
    private_metadata: v.privateMetadata,
    callback_id: v.callbackId,
    state,
    hash: v.hash,
    title: spec.title ?? null,
    close: spec.close ?? null,
    submit: spec.submit ?? null,
    clear_on_close: spec.clear_on_close ?? false,
    notify_on_close: spec.notify_on_close ?? false,
    previous_view_id: v.previousViewId ?? null,
    root_view_id: v.rootViewId,
    app_id: ctx.identity.appId,
    external_id: v.externalId ?? "",
    app_installed_team_id: ctx.identity.teamId,
    bot_id: ctx.identity.botId,
  };
}

function checkExternalId(spec: Json, ctx: ApiContext, selfId?: string): string | undefined {
  const ext = str(spec, "external_id");
  if (ext === undefined) return undefined;
  for (const v of ctx.state.views.values()) {
    if (v.externalId === ext && v.id !== selfId) fail("duplicate_external_id");
  }
  return ext;
}

function createView(
  spec: Json,
  user: string,
  ctx: ApiContext,
  rootViewId?: string,
  previousViewId?: string,
): SandboxView {
  const id = ctx.state.nextId("V");
  const externalId = checkExternalId(spec, ctx);
  const base: Omit<SandboxView, "view"> = {
    id,
    type: spec.type === "home" ? "home" : "modal",
    user,
    callbackId: str(spec, "callback_id") ?? "",
    privateMetadata: str(spec, "private_metadata") ?? "",
    hash: ctx.state.newHash(),
    rootViewId: rootViewId ?? id,
    open: true,
    updates: 0,
    ...(externalId !== undefined ? { externalId } : {}),
    ...(previousViewId !== undefined ? { previousViewId } : {}),
  };
  const view: SandboxView = { ...base, view: slackView(spec, base, ctx, { values: {} }) };
  ctx.state.views.set(id, view);
  return view;
}

/** Replace a view's content (views.update, views.publish on an existing home, response_action: update). */
export function replaceView(v: SandboxView, spec: Json, ctx: ApiContext): void {
  const externalId = checkExternalId(spec, ctx, v.id);
  v.callbackId = str(spec, "callback_id") ?? "";
  v.privateMetadata = str(spec, "private_metadata") ?? "";
  if (externalId !== undefined) v.externalId = externalId;
  v.hash = ctx.state.newHash();
  v.updates += 1;
  delete v.errors;
  const state = (v.view.state as Json | undefined) ?? { values: {} };
  v.view = slackView(spec, v, ctx, state);
}

/** Close every open modal of a user (views.open from a new trigger replaces the stack). */
export function closeStack(user: string, ctx: ApiContext): void {
  for (const id of ctx.state.stacks.get(user) ?? []) {
    const v = ctx.state.views.get(id);
    if (v) v.open = false;
  }
  ctx.state.stacks.delete(user);
}

/** Pop the top view of a user's stack. */
export function popView(user: string, ctx: ApiContext): void {
  const stack = ctx.state.stacks.get(user) ?? [];
  const top = stack.pop();
  const v = top === undefined ? undefined : ctx.state.views.get(top);
  if (v) v.open = false;
  if (stack.length === 0) ctx.state.stacks.delete(user);
}

/** Push a view onto a user's modal stack (views.push, response_action: push). */
export function pushView(user: string, spec: Json, ctx: ApiContext): SandboxView {
  const stack = ctx.state.stacks.get(user) ?? [];
  const topId = stack[stack.length - 1];
  if (topId === undefined) {
    fail("invalid_arguments", ["[ERROR] views.push needs an open modal to push onto (sandbox)"]);
  }
  if (stack.length >= MAX_MODAL_STACK) fail("push_limit_reached");
  const top = ctx.state.views.get(topId);
  const v = createView(spec, user, ctx, top?.rootViewId, topId);
  stack.push(v.id);
  ctx.state.stacks.set(user, stack);
  return v;
}

const viewsOpen: ApiHandler = (args, ctx) => {
  const spec = checkView(args.view, "modal");
  const trigger = useTrigger(args, ctx);
  const v = createView(spec, trigger.user, ctx);
  trigger.consume();
  closeStack(trigger.user, ctx);
  ctx.state.stacks.set(trigger.user, [v.id]);
  return { ok: true, view: v.view };
};

const viewsPush: ApiHandler = (args, ctx) => {
  const spec = checkView(args.view, "modal");
  const trigger = useTrigger(args, ctx);
  const v = pushView(trigger.user, spec, ctx);
  trigger.consume();
  return { ok: true, view: v.view };
};

function findView(args: Json, ctx: ApiContext): SandboxView {
  const id = str(args, "view_id");
  const ext = str(args, "external_id");
  if (id === undefined && ext === undefined) fail("invalid_arguments", ["[ERROR] view_id or external_id is required"]);
  const v =
    id !== undefined ? ctx.state.views.get(id) : [...ctx.state.views.values()].find((x) => x.externalId === ext);
  if (!v?.open) fail("not_found");
  return v;
}

const viewsUpdate: ApiHandler = (args, ctx) => {
  const v = findView(args, ctx);
  const spec = checkView(args.view, v.type);
  const hash = str(args, "hash");
  if (hash !== undefined && hash !== v.hash) fail("hash_conflict");
  replaceView(v, spec, ctx);
  return { ok: true, view: v.view };
};

const viewsPublish: ApiHandler = (args, ctx) => {
  const userId = requireStr(args, "user_id", "user_not_found");
  const user = ctx.state.users.get(userId);
  if (!user || user.deleted) fail("user_not_found");
  const spec = checkView(args.view, "home");
  const hash = str(args, "hash");
  const existingId = ctx.state.homes.get(userId);
  const existing = existingId === undefined ? undefined : ctx.state.views.get(existingId);
  if (existing) {
    if (hash !== undefined && hash !== existing.hash) fail("hash_conflict");
    replaceView(existing, spec, ctx);
    return { ok: true, view: existing.view };
  }
  const v = createView(spec, userId, ctx);
  ctx.state.homes.set(userId, v.id);
  return { ok: true, view: v.view };
};

export const viewMethods: Record<string, ApiHandler> = {
  "views.open": viewsOpen,
  "views.push": viewsPush,
  "views.update": viewsUpdate,
  "views.publish": viewsPublish,
};

/** Outcome of a view_submission as the Slack client would show it. */
export interface SubmissionOutcome {
  /** closed = top view closed, cleared = whole stack closed. */
  action: "closed" | "cleared" | "updated" | "pushed" | "errors" | "failed";
  /** Why Slack would show "We had some trouble connecting" (bad status, bad JSON, bad view...). */
  error?: string;
}

/**
 * Apply the bot's answer to a view_submission: empty body closes the submitted view,
 * `response_action` clear / update / push / errors act like Slack.
 */
export function applySubmissionResponse(
  ctx: ApiContext,
  viewId: string,
  status: number,
  body: string,
): SubmissionOutcome {
  const v = ctx.state.views.get(viewId);
  if (!v) return { action: "failed", error: `unknown view ${viewId}` };
  if (status !== 200) return { action: "failed", error: `HTTP ${status}` };
  const trimmed = body.trim();
  let json: Json = {};
  if (trimmed !== "") {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) json = parsed as Json;
      else return { action: "failed", error: "response body is not a JSON object" };
    } catch {
      return { action: "failed", error: "response body is not JSON" };
    }
  }
  const stack = ctx.state.stacks.get(v.user) ?? [];
  const isTop = stack[stack.length - 1] === v.id;
  const action = json.response_action;
  try {
    switch (action) {
      case undefined:
        if (isTop) popView(v.user, ctx);
        else v.open = false;
        return { action: "closed" };
      case "clear":
        closeStack(v.user, ctx);
        return { action: "cleared" };
      case "update":
        replaceView(v, checkView(json.view, "modal"), ctx);
        return { action: "updated" };
      case "push":
        pushView(v.user, checkView(json.view, "modal"), ctx);
        return { action: "pushed" };
      case "errors": {
        const errors = json.errors;
        if (typeof errors !== "object" || errors === null || Array.isArray(errors)) {
          return { action: "failed", error: "response_action errors needs an errors object" };
        }
        // Slack shows the person its generic "trouble connecting" error: nothing says what is wrong.
        if (Object.keys(errors).length === 0)
          return { action: "failed", error: "response_action errors with an empty errors object" };
        const blocks = Array.isArray(v.view.blocks) ? (v.view.blocks as Json[]) : [];
        const inputIds = new Set(blocks.filter((b) => b.type === "input").map((b) => String(b.block_id)));
        const out: Record<string, string> = {};
        for (const [k, msg] of Object.entries(errors)) {
          if (!inputIds.has(k))
            return {
              action: "failed",
              error: `errors references ${JSON.stringify(k)}, which is not an input block_id of the view`,
            };
          if (typeof msg !== "string" || msg === "")
            return { action: "failed", error: `errors.${k} must be a non-empty string` };
          out[k] = msg;
        }
        v.errors = out;
        return { action: "errors" };
      }
      default:
        return { action: "failed", error: `unknown response_action ${JSON.stringify(action)}` };
    }
  } catch (e) {
    if (e instanceof SlackApiError) {
      const msgs = (e.extra.response_metadata as { messages?: string[] } | undefined)?.messages ?? [];
      return { action: "failed", error: [e.error, ...msgs].join(" ") };
    }
    throw e;
  }
}

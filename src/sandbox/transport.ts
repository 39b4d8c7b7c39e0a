// How the requester's requests reach the bot: signed HTTP POSTs to its request URL, or envelopes
// on its Socket Mode connection. Both answer in the same shape, the ack's payload standing in for
// the HTTP response body.
import { createHmac } from "node:crypto";
import { request } from "node:http";
import type { EnvelopeType, SandboxSocketMode } from "./socketMode";
import type { Json } from "./types";

export type { EnvelopeType } from "./socketMode";

/** Per-request overrides for negative tests (HTTP only: Socket Mode has no signature). */
export interface SendOptions {
  /** X-Slack-Request-Timestamp (Unix seconds); default now. */
  timestamp?: number;
  /** Sign with this secret instead of the configured one. */
  signingSecret?: string;
  /** Replace the computed X-Slack-Signature. */
  signature?: string;
  /** Extra / overriding headers. */
  headers?: Record<string, string>;
}

export interface DeliverOptions extends SendOptions {
  /** Events API redeliveries: `x-slack-retry-num` / `retry_attempt`, and the reason. */
  retryNum?: number;
  retryReason?: string;
}

export interface SlackRequestResult {
  status: number;
  body: string;
  /** Parsed body when it is JSON. */
  json?: unknown;
  /** Time until the bot answered (Slack gives up after 3000 ms). */
  durationMs: number;
  /** The bot did not answer within timeoutMs. */
  timedOut?: boolean;
}

export interface RequestTransport {
  /** `slash_commands`: the command's fields; `interactive`: the interaction payload; `events_api`: the event_callback envelope. */
  deliver(type: EnvelopeType, payload: Json, opts?: DeliverOptions): Promise<SlackRequestResult>;
}

/** Signed HTTP, as Slack sends to a request URL. */
export class HttpTransport implements RequestTransport {
  constructor(private readonly opts: { url: string; signingSecret: string; timeoutMs: number }) {}

  /** `v0=<hex HMAC-SHA256(secret, "v0:" + ts + ":" + body)>` */
  static sign(signingSecret: string, timestamp: number, rawBody: string): string {
    return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
  }

  deliver(type: EnvelopeType, payload: Json, opts: DeliverOptions = {}): Promise<SlackRequestResult> {
    const { retryNum, retryReason, ...send } = opts;
    switch (type) {
      case "slash_commands":
        return this.send(
          new URLSearchParams(payload as Record<string, string>).toString(),
          "application/x-www-form-urlencoded",
          send,
        );
      case "interactive":
        return this.send(
          new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
          "application/x-www-form-urlencoded",
          send,
        );
      case "events_api": {
        const headers: Record<string, string> = { ...send.headers };
        if (retryNum !== undefined) headers["x-slack-retry-num"] = String(retryNum);
        if (retryReason !== undefined) headers["x-slack-retry-reason"] = retryReason;
        return this.send(JSON.stringify(payload), "application/json", { ...send, headers });
      }
    }
  }

  /** POST a raw body, signed. Content type is sent exactly as given. */
  send(rawBody: string, contentType: string, opts: SendOptions = {}): Promise<SlackRequestResult> {
    const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
    const signature = opts.signature ?? HttpTransport.sign(opts.signingSecret ?? this.opts.signingSecret, ts, rawBody);
    const target = new URL(this.opts.url);
    const headers: Record<string, string> = {
      "content-type": contentType,
      "content-length": String(Buffer.byteLength(rawBody)),
      "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
      "x-slack-request-timestamp": String(ts),
      "x-slack-signature": signature,
      ...opts.headers,
    };
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const req = request(
        {
          hostname: target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          method: "POST",
          headers,
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            clearTimeout(timer);
            const body = Buffer.concat(chunks).toString("utf8");
            const result: SlackRequestResult = { status: res.statusCode ?? 0, body, durationMs: Date.now() - started };
            if (body.trim() !== "") {
              try {
                result.json = JSON.parse(body);
              } catch {
                // not JSON
              }
            }
            resolve(result);
          });
          res.on("error", reject);
        },
      );
      const timer = setTimeout(() => {
        req.destroy();
        resolve({ status: 0, body: "", durationMs: Date.now() - started, timedOut: true });
      }, this.opts.timeoutMs);
      req.on("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
      req.end(rawBody);
    });
  }
}

/** Envelopes on the app's Socket Mode connection; the ack's payload is the answer. */
export class SocketModeTransport implements RequestTransport {
  constructor(private readonly opts: { socketMode: SandboxSocketMode; timeoutMs: number }) {}

  deliver(type: EnvelopeType, payload: Json, opts: DeliverOptions = {}): Promise<SlackRequestResult> {
    return this.opts.socketMode.deliver(type, payload, {
      timeoutMs: this.opts.timeoutMs,
      ...(opts.retryNum !== undefined ? { retryAttempt: opts.retryNum } : {}),
      ...(opts.retryReason !== undefined ? { retryReason: opts.retryReason } : {}),
    });
  }
}

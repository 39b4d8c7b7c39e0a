// Slack tokens at rest: AES-256-GCM with a key from the environment (TOKEN_ENCRYPTION_KEY).
// Stored as "v1.<key id>.<iv>.<tag>.<ciphertext>" (base64url parts). The key id (a hash prefix of the
// key, not the key) lets a value be decrypted with a previous key while keys are being rotated.
// The associated data ties a value to its workspace and column: copied into another row, it fails.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

const VERSION = "v1";
const KEY_BYTES = 32;
const IV_BYTES = 12;

export class TokenCipherError extends Error {
  override name = "TokenCipherError";
}

/** A 32-byte key written as base64 (e.g. `openssl rand -base64 32`) or 64 hex digits; null if it is neither. */
export function parseKey(text: string): Buffer | null {
  const trimmed = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, "hex")
    : /^[A-Za-z0-9+/_-]+=*$/.test(trimmed)
      ? Buffer.from(trimmed, "base64")
      : null;
  return bytes?.length === KEY_BYTES ? bytes : null;
}

function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

export class TokenCipher {
  private readonly keys = new Map<string, Buffer>();
  private readonly currentId: string;

  /** `current` encrypts; `previous` keys only decrypt (values written before a key rotation). */
  constructor(current: Buffer, previous: Buffer[] = []) {
    for (const key of [current, ...previous]) {
      if (key.length !== KEY_BYTES) throw new TokenCipherError("a token encryption key must be 32 bytes");
      this.keys.set(keyId(key), key);
    }
    this.currentId = keyId(current);
  }

  /** `context` names where the value lives (e.g. "T0123:botToken"); decrypting needs the same. */
  encrypt(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.keys.get(this.currentId)!, iv);
    cipher.setAAD(Buffer.from(context, "utf8"));
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return [
      VERSION,
      this.currentId,
      iv.toString("base64url"),
      cipher.getAuthTag().toString("base64url"),
      body.toString("base64url"),
    ].join(".");
  }

  decrypt(stored: string, context: string): string {
    const [version, id, iv, tag, body] = stored.split(".");
    if (version !== VERSION || !id || iv === undefined || tag === undefined || body === undefined) {
      throw new TokenCipherError("a stored token is not in the encrypted format (was it written without encryption?)");
    }
    const key = this.keys.get(id);
    if (!key) {
      throw new TokenCipherError(
        `a stored token was encrypted with a key that is not configured (key id ${id}): add it to TOKEN_ENCRYPTION_PREVIOUS_KEYS`,
      );
    }
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
    } catch {
      throw new TokenCipherError(
        `a stored token failed its integrity check (${context}): it was altered or belongs to another row`,
      );
    }
  }

  /** Whether a stored value is under the current key (otherwise `okr-bot rekey` rewrites it). */
  isCurrent(stored: string): boolean {
    return stored.split(".")[1] === this.currentId;
  }
}

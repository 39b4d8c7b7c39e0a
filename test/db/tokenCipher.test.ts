import { randomBytes } from "node:crypto";
import { parseKey, TokenCipher } from "../../src/db/tokenCipher";

const token = "xoxb-1234-5678-abcdefghijklmnop";
const oldKey = randomBytes(32);
const newKey = randomBytes(32);

describe("TokenCipher (AES-256-GCM)", () => {
  it("round-trips, and never stores the token or the same ciphertext twice", () => {
    const cipher = new TokenCipher(newKey);
    const a = cipher.encrypt(token, "T1:botToken");
    const b = cipher.encrypt(token, "T1:botToken");
    expect(a).not.toContain("xoxb");
    expect(a).not.toBe(b); // a fresh IV each time
    expect(cipher.decrypt(a, "T1:botToken")).toBe(token);
  });

  it("refuses a value moved to another workspace or column, or altered", () => {
    const cipher = new TokenCipher(newKey);
    const stored = cipher.encrypt(token, "T1:botToken");
    expect(() => cipher.decrypt(stored, "T2:botToken")).toThrow(/integrity check/);
    expect(() => cipher.decrypt(stored, "T1:botRefreshToken")).toThrow(/integrity check/);
    const parts = stored.split(".");
    const body = Buffer.from(parts[4]!, "base64url");
    body[0]! ^= 1;
    parts[4] = body.toString("base64url");
    expect(() => cipher.decrypt(parts.join("."), "T1:botToken")).toThrow(/integrity check/);
    expect(() => cipher.decrypt(token, "T1:botToken")).toThrow(/not in the encrypted format/);
  });

  it("during a key rotation decrypts with the previous key and encrypts with the new one", () => {
    const before = new TokenCipher(oldKey).encrypt(token, "T1:botToken");
    const rotating = new TokenCipher(newKey, [oldKey]);
    expect(rotating.decrypt(before, "T1:botToken")).toBe(token);
    expect(rotating.isCurrent(before)).toBe(false);
    const after = rotating.encrypt(token, "T1:botToken");
    expect(rotating.isCurrent(after)).toBe(true);
    // Once the old key is dropped, what it encrypted cannot be read, and the error says which key is missing (not the token).
    const error = (() => {
      try {
        new TokenCipher(newKey).decrypt(before, "T1:botToken");
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(error).toMatch(/key that is not configured \(key id [0-9a-f]{8}\).*TOKEN_ENCRYPTION_PREVIOUS_KEYS/);
    expect(error).not.toContain(token);
  });

  it("takes keys of exactly 32 bytes, in base64 or hex", () => {
    expect(parseKey(newKey.toString("base64"))).toEqual(newKey);
    expect(parseKey(newKey.toString("hex"))).toEqual(newKey);
    expect(parseKey(randomBytes(16).toString("base64"))).toBeNull();
    expect(parseKey("correct horse battery staple")).toBeNull();
    expect(() => new TokenCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});

// Tokens, hashes and password hashing on WebCrypto, so Node and Workers share one implementation.
import { decodeBase64Url, encodeBase64Url as paddedBase64Url } from "hono/utils/encode";

// Unpadded, so tokens sit in URLs and cookies without escaping.
const encodeBase64Url = (buf: ArrayBufferLike) => paddedBase64Url(buf).replace(/=+$/, "");

const encoder = new TextEncoder();

export function randomToken(bytes = 32): string {
  return encodeBase64Url(crypto.getRandomValues(new Uint8Array(bytes)).buffer);
}

export async function sha256(value: string): Promise<string> {
  return encodeBase64Url(await crypto.subtle.digest("SHA-256", encoder.encode(value)));
}

// One imported key per secret: importing it again for every invitation of a 10,000-row import cost more than signing.
const hmacKeys = new Map<string, Promise<CryptoKey>>();

export async function hmac(secret: string, message: string): Promise<string> {
  let key = hmacKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    if (hmacKeys.size > 16) hmacKeys.clear();
    hmacKeys.set(secret, key);
  }
  return encodeBase64Url(await crypto.subtle.sign("HMAC", await key, encoder.encode(message)));
}

// Workers refuse PBKDF2 above 100,000 iterations, so that is both the cap and the default.
const PBKDF2_ITERATIONS = 100_000;

async function pbkdf2(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<ArrayBuffer> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(password), "PBKDF2", false, ["deriveBits"]);
  return crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
}

export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await pbkdf2(password, salt, iterations);
  return `pbkdf2-sha256$${iterations}$${encodeBase64Url(salt.buffer)}$${encodeBase64Url(hash)}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iterations, salt, expected] = stored.split("$");
  if (scheme !== "pbkdf2-sha256" || !iterations || !salt || !expected) return false;
  const actual = new Uint8Array(await pbkdf2(password, new Uint8Array(decodeBase64Url(salt)), Number(iterations)));
  return timingSafeEqual(actual, decodeBase64Url(expected));
}

function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

// Parent Bridge's vault: what the app keeps on the phone is encrypted
// (AES-GCM, WebCrypto) with a data key per person that is never extractable
// once made. IndexedDB keeps that key while the app is unlocked; two wrapped
// copies of it sit in local storage: one under a key derived from the app PIN
// (PBKDF2), one under the person's storage key from the server (handed only
// to a logged-in session). The app (offline/vault.rs) decides what to do;
// this file only does the cryptography and the key storage, because
// WebCrypto and IndexedDB cost far fewer bytes here than bound into the wasm.

const RECORD = "pb.v1.vault.";
const ACTIVE = "pb.v1.active.";
const SEALED = "pbx1:";
const subtle = crypto.subtle;
const GCM = "AES-GCM";
// person -> data key (not extractable)
const keys = new Map();
// person -> a new data key waiting for its PIN
const pending = new Map();

const record = (u) => JSON.parse(localStorage.getItem(RECORD + u) || "null");
const save = (u, r) => localStorage.setItem(RECORD + u, JSON.stringify(r));

function b64(bytes) {
  bytes = new Uint8Array(bytes);
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}
const unb64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const iv = () => crypto.getRandomValues(new Uint8Array(12));

function idb(mode, act) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open("parent-bridge", 1);
    open.onupgradeneeded = () => open.result.createObjectStore("keys");
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction("keys", mode);
      const request = act(tx.objectStore("keys"));
      tx.oncomplete = () => (db.close(), resolve(request.result));
      tx.onerror = tx.onabort = () => (db.close(), reject(tx.error));
    };
  });
}

async function wrap(key, by) {
  const v = iv();
  return b64(v) + ":" + b64(await subtle.wrapKey("raw", key, by, { name: GCM, iv: v }));
}

function unwrap(text, by, extractable) {
  const [v, data] = text.split(":");
  return subtle.unwrapKey("raw", unb64(data), by, { name: GCM, iv: unb64(v) }, GCM, extractable, ["encrypt", "decrypt"]);
}

async function pinKey(pin, salt, iterations) {
  const base = await subtle.importKey("raw", new TextEncoder().encode(pin), "PBKDF2", false, ["deriveKey"]);
  return subtle.deriveKey({ name: "PBKDF2", salt: unb64(salt), iterations, hash: "SHA-256" }, base, { name: GCM, length: 256 }, false, ["wrapKey", "unwrapKey"]);
}

// Keeps the data key usable (in memory and IndexedDB), not extractable.
async function keep(u, key) {
  if (key.extractable) key = await subtle.importKey("raw", await subtle.exportKey("raw", key), GCM, false, ["encrypt", "decrypt"]);
  keys.set(u, key);
  await idb("readwrite", (s) => s.put(key, u));
  touch(u);
}

// What the phone holds for person `u`: [key kept, milliseconds since last
// use (-1: never), vault made, PIN chosen, wrong PINs in a row].
export async function facts(u) {
  const r = record(u);
  const at = +localStorage.getItem(ACTIVE + u);
  const key = keys.get(u) || (await idb("readonly", (s) => s.get(u)).catch(() => null));
  return [+!!key, at ? Date.now() - at : -1, +!!r, +!!(r && r.pin), (r && r.tries) || 0];
}

// Opens with the key IndexedDB keeps.
export async function use_key(u) {
  const key = keys.get(u) || (await idb("readonly", (s) => s.get(u)));
  if (!key) return false;
  keys.set(u, key);
  touch(u);
  return true;
}

// Opens with the person's storage key from the server (needs a session):
// "open", "new" (a PIN is to be chosen), "offline", "login" (no session)
// or "broken" (this phone's vault was made with another storage key).
export async function recover(u) {
  let response;
  try {
    response = await fetch("/api/auth/storage_key", { method: "POST", credentials: "same-origin", signal: AbortSignal.timeout(10000) });
  } catch {
    return "offline";
  }
  if (response.status === 401 || response.status === 403) return "login";
  if (!response.ok) return "offline";
  const hex = await response.json();
  const server = await subtle.importKey("raw", Uint8Array.from(hex.match(/../g), (h) => parseInt(h, 16)), GCM, false, ["wrapKey", "unwrapKey"]);
  let r = record(u);
  let key;
  if (r) {
    try {
      key = await unwrap(r.server, server, true);
    } catch {
      return "broken";
    }
  } else {
    key = await subtle.generateKey({ name: GCM, length: 256 }, true, ["encrypt", "decrypt"]);
    r = { server: await wrap(key, server) };
  }
  // an online login lifts a lock of wrong PINs
  r.tries = 0;
  save(u, r);
  if (!r.pin) pending.set(u, key);
  await keep(u, key);
  return r.pin ? "open" : "new";
}

// Wraps the new data key under a key derived from the chosen PIN.
export async function set_pin(u, pin, iterations) {
  const key = pending.get(u);
  const r = record(u);
  if (!key || !r) return false;
  r.salt = b64(crypto.getRandomValues(new Uint8Array(16)));
  r.iterations = iterations;
  r.pin = await wrap(key, await pinKey(pin, r.salt, iterations));
  r.tries = 0;
  save(u, r);
  pending.delete(u);
  return true;
}

// Opens with the PIN; a wrong one is counted.
export async function unlock(u, pin) {
  const r = record(u);
  if (!r || !r.pin) return false;
  try {
    await keep(u, await unwrap(r.pin, await pinKey(pin, r.salt, r.iterations), false));
    r.tries = 0;
    save(u, r);
    return true;
  } catch {
    r.tries = (r.tries || 0) + 1;
    save(u, r);
    return false;
  }
}

// Forgets the usable key: the PIN or an online login opens it again.
export async function lock(u) {
  keys.delete(u);
  await idb("readwrite", (s) => s.delete(u)).catch(() => {});
}

// Forgets everything about the vault of `u` (its data is deleted by the app).
export async function destroy(u) {
  pending.delete(u);
  localStorage.removeItem(RECORD + u);
  localStorage.removeItem(ACTIVE + u);
  await lock(u);
}

export function touch(u) {
  localStorage.setItem(ACTIVE + u, String(Date.now()));
}

export async function seal(u, text) {
  const v = iv();
  const data = await subtle.encrypt({ name: GCM, iv: v }, keys.get(u), new TextEncoder().encode(text));
  return SEALED + b64(v) + ":" + b64(data);
}

async function open(key, text) {
  const [v, data] = text.slice(SEALED.length).split(":");
  return new TextDecoder().decode(await subtle.decrypt({ name: GCM, iv: unb64(v) }, key, unb64(data)));
}

// One value, decrypted (null when it cannot be); a value from before
// encryption comes back as it is, for the app to seal it.
export async function unseal(u, text) {
  if (!text || !text.startsWith(SEALED)) return text;
  return open(keys.get(u), text).catch(() => null);
}

// Every value under `prefix`, decrypted: [key, value, sealed, key, ...].
// What cannot be decrypted is left where it is, unread.
export async function load(u, prefix) {
  const out = [];
  for (const k of Object.keys(localStorage).filter((k) => k.startsWith(prefix))) {
    const text = localStorage.getItem(k);
    if (text === null) continue;
    if (!text.startsWith(SEALED)) out.push(k, text, false);
    else {
      const value = await open(keys.get(u), text).catch(() => null);
      if (value !== null) out.push(k, value, true);
    }
  }
  return out;
}

/**
 * Per-field encryption of personal identifiers (PIPL sensitive data) and blind indexes for exact
 * look-ups. `aes`: AES-256-GCM. `sm`: SM4-CTR + HMAC-SM3, encrypt-then-MAC (GB/T 32907, GB/T
 * 32905), which is what a commercial-cryptography evaluation (密评) expects; Node's OpenSSL has
 * both. Each ciphertext names its algorithm and key id, so keys rotate and modes can coexist.
 *
 * Layout: [alg 1 byte][key id 1 byte][iv][tag or mac][ciphertext]
 *   alg 1 = AES-256-GCM: iv 12, tag 16
 *   alg 2 = SM4-CTR + HMAC-SM3: iv 16, mac 32 (over alg, key id, iv, ciphertext)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type CryptoMode = 'aes' | 'sm';

export interface KeyRing {
  /** Key id used for new ciphertexts. */
  active: number;
  keys: Record<string, string>; // id → base64 32-byte master key
  /** Blind-index key (base64 32 bytes): stable across rotations. */
  index: string;
}

export class FieldCrypto {
  private readonly derived = new Map<number, { enc: Buffer; mac: Buffer; sm4: Buffer }>();
  private readonly indexKey: Buffer;

  constructor(
    private readonly ring: KeyRing,
    readonly mode: CryptoMode,
  ) {
    this.indexKey = Buffer.from(ring.index, 'base64');
    for (const [id, b64] of Object.entries(ring.keys)) {
      const master = Buffer.from(b64, 'base64');
      if (master.length !== 32) throw new Error(`key ${id} must be 32 bytes`);
      const hk = (info: string, len: number) => Buffer.from(crypto.hkdfSync('sha256', master, '', info, len));
      this.derived.set(Number(id), {
        enc: hk('jinglin-enc', 32),
        mac: hk('jinglin-mac', 32),
        sm4: hk('jinglin-sm4', 16),
      });
    }
    if (!this.derived.has(ring.active)) throw new Error('active key missing from key ring');
  }

  encrypt(plain: string): Buffer {
    const keyId = this.ring.active;
    const k = this.derived.get(keyId)!;
    const data = Buffer.from(plain, 'utf8');
    if (this.mode === 'aes') {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', k.enc, iv);
      c.setAAD(Buffer.from([1, keyId]));
      const ct = Buffer.concat([c.update(data), c.final()]);
      return Buffer.concat([Buffer.from([1, keyId]), iv, c.getAuthTag(), ct]);
    }
    const iv = crypto.randomBytes(16);
    const c = crypto.createCipheriv('sm4-ctr', k.sm4, iv);
    const ct = Buffer.concat([c.update(data), c.final()]);
    const head = Buffer.from([2, keyId]);
    const mac = crypto
      .createHmac('sm3', k.mac)
      .update(Buffer.concat([head, iv, ct]))
      .digest();
    return Buffer.concat([head, iv, mac, ct]);
  }

  /** Throws on a tampered or unknown ciphertext: integrity is checked before anything is returned. */
  decrypt(blob: Buffer | Uint8Array): string {
    const buf = Buffer.from(blob);
    const alg = buf[0];
    const keyId = buf[1] ?? -1;
    const k = this.derived.get(keyId);
    if (!k) throw new Error('unknown key id in ciphertext');
    if (alg === 1) {
      const iv = buf.subarray(2, 14);
      const tag = buf.subarray(14, 30);
      const d = crypto.createDecipheriv('aes-256-gcm', k.enc, iv);
      d.setAAD(Buffer.from([1, keyId]));
      d.setAuthTag(tag);
      return Buffer.concat([d.update(buf.subarray(30)), d.final()]).toString('utf8');
    }
    if (alg === 2) {
      const iv = buf.subarray(2, 18);
      const mac = buf.subarray(18, 50);
      const ct = buf.subarray(50);
      const expect = crypto
        .createHmac('sm3', k.mac)
        .update(Buffer.concat([buf.subarray(0, 2), iv, ct]))
        .digest();
      if (mac.length !== 32 || !crypto.timingSafeEqual(mac, expect))
        throw new Error('ciphertext integrity check failed');
      const d = crypto.createDecipheriv('sm4-ctr', k.sm4, iv);
      return Buffer.concat([d.update(ct), d.final()]).toString('utf8');
    }
    throw new Error('unknown ciphertext format');
  }

  /** Whether a ciphertext was made with the active key and mode (rotation re-encrypts the rest). */
  isCurrent(blob: Buffer | Uint8Array): boolean {
    return blob[0] === (this.mode === 'aes' ? 1 : 2) && blob[1] === this.ring.active;
  }

  /** Deterministic keyed hash of a normalised value, for exact look-up without decrypting. */
  blindIndex(kind: string, value: string): string {
    const alg = this.mode === 'sm' ? 'sm3' : 'sha256';
    return crypto.createHmac(alg, this.indexKey).update(`${kind}\u0000${value}`).digest('base64url');
  }
}

export function newKeyRing(): KeyRing {
  return {
    active: 1,
    keys: { '1': crypto.randomBytes(32).toString('base64') },
    index: crypto.randomBytes(32).toString('base64'),
  };
}

/**
 * Keys live outside the database: in JINGLIN_MASTER_KEY, or in `<data dir>/keys.json` (created
 * with mode 0600 on first start). JINGLIN_MASTER_KEY is base64 of 32 bytes (key id 1), or a list
 * `id:base64,id:base64` whose first entry is the active key — rotate by putting a new key first and
 * running `jinglin keys rotate`. The blind-index key is derived from key 1, which must stay listed.
 */
export function loadKeyRing(opts: { dataDir: string; masterKey?: string | undefined }): KeyRing {
  if (opts.masterKey) {
    const entries = opts.masterKey.includes(':')
      ? opts.masterKey.split(',').map((e) => {
          const [id, b64] = e.trim().split(':');
          return [Number(id), b64 ?? ''] as const;
        })
      : [[1, opts.masterKey.trim()] as const];
    const keys: Record<string, string> = {};
    for (const [id, b64] of entries) {
      if (!Number.isInteger(id) || id < 1 || id > 255)
        throw new Error('JINGLIN_MASTER_KEY: key ids are 1–255');
      if (Buffer.from(b64, 'base64').length !== 32)
        throw new Error('JINGLIN_MASTER_KEY must be base64 of 32 bytes');
      keys[String(id)] = b64;
    }
    if (!keys['1'])
      throw new Error('JINGLIN_MASTER_KEY: key 1 must stay listed (the blind index is derived from it)');
    const idx = Buffer.from(
      crypto.hkdfSync('sha256', Buffer.from(keys['1'], 'base64'), '', 'jinglin-index', 32),
    );
    return { active: entries[0]![0], keys, index: idx.toString('base64') };
  }
  const file = keyFile(opts.dataDir);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as KeyRing;
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const ring = newKeyRing();
  fs.writeFileSync(file, JSON.stringify(ring, null, 2), { mode: 0o600 });
  return ring;
}

export const keyFile = (dataDir: string) => path.join(dataDir, 'keys.json');

/** Adds a new active key to the key-ring file (the old keys stay, to read older ciphertexts). */
export function addKeyToFile(dataDir: string): KeyRing {
  const file = keyFile(dataDir);
  const ring = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyRing;
  const next = Math.max(...Object.keys(ring.keys).map(Number)) + 1;
  if (next > 255) throw new Error('key ring is full (255 keys)');
  const updated: KeyRing = {
    ...ring,
    active: next,
    keys: { ...ring.keys, [String(next)]: crypto.randomBytes(32).toString('base64') },
  };
  fs.copyFileSync(file, `${file}.${ring.active}.bak`);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(updated, null, 2), { mode: 0o600 });
  fs.renameSync(`${file}.tmp`, file);
  return updated;
}

/** Masks for responses: 138****5678, 310106********123X. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}
export function maskIdNumber(id: string): string {
  return id.length >= 10 ? `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}` : '****';
}
/**
 * A birth date beside a masked ID number: the year only (`1985-**-**`). The ID number's mask hides
 * exactly its eight birth-date digits, so the full date would unmask it.
 */
export function maskBirthDate(date: string): string {
  return /^\d{4}-/.test(date) ? `${date.slice(0, 4)}-**-**` : '****';
}

export function sha256(s: string): string {
  return crypto.createHash('sha256').update(s).digest('hex');
}
export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

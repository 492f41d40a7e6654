/**
 * The web budget (DESIGN.md, "Performance budgets"): a route's first load — the entry chunk, what it
 * imports statically, and the route's own page chunk with its static imports — is at most 350 KB of
 * gzip'd JavaScript, and every route is code-split. Builds the app into a temporary folder (about
 * two seconds) so that it measures the sources as they are, never a stale dist/.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGES } from './routes';

/** Bytes of gzip'd JavaScript (350 KB, counted as 350,000 bytes: the stricter reading). */
const BUDGET = 350_000;

const webRoot = fileURLToPath(new URL('..', import.meta.url));
const viteBin = fileURLToPath(new URL('../../../node_modules/vite/bin/vite.js', import.meta.url));

interface ManifestEntry {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
}
type Manifest = Record<string, ManifestEntry>;

let outDir = '';
let manifest: Manifest = {};

beforeAll(() => {
  outDir = mkdtempSync(path.join(tmpdir(), 'jinglin-web-budget-'));
  execFileSync(
    process.execPath,
    [viteBin, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
    // Vitest sets NODE_ENV=test, which would build React's development code.
    { cwd: webRoot, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } },
  );
  manifest = JSON.parse(readFileSync(path.join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
}, 120_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/** The chunk files a manifest entry loads before it runs (itself and its static imports). */
function staticClosure(key: string, into = new Set<string>()): Set<string> {
  const e = manifest[key];
  if (!e) throw new Error(`${key} is not in the build manifest`);
  if (into.has(e.file)) return into;
  into.add(e.file);
  for (const i of e.imports ?? []) staticClosure(i, into);
  return into;
}

const gzipSizes = new Map<string, number>();
function gzipSize(file: string): number {
  let n = gzipSizes.get(file);
  if (n === undefined) {
    n = gzipSync(readFileSync(path.join(outDir, file))).length;
    gzipSizes.set(file, n);
  }
  return n;
}
const total = (files: Iterable<string>) => [...files].reduce((sum, f) => sum + gzipSize(f), 0);

/** Page id → its module (src/pages/X.tsx), read from the lazy imports of src/router.tsx. */
function pageModules(): Map<string, string> {
  const src = readFileSync(path.join(webRoot, 'src/router.tsx'), 'utf8');
  const map = new Map<string, string>();
  for (const m of src.matchAll(/'?([\w-]+)'?:\s*lazy\(\(\)\s*=>\s*import\('\.\/(pages\/[\w/]+)'\)\)/g))
    map.set(m[1]!, `src/${m[2]}.tsx`);
  return map;
}

describe('web bundle budget', () => {
  it('every page in routes.ts is a lazy route of its own chunk', () => {
    const modules = pageModules();
    for (const page of PAGES) {
      const mod = modules.get(page.id);
      expect(mod, `${page.id}: no lazy import in router.tsx`).toBeDefined();
      expect(manifest[mod!]?.isDynamicEntry, `${mod} should be a dynamic (lazy) chunk`).toBe(true);
    }
    const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
    const shell = staticClosure(entry);
    for (const mod of new Set(modules.values()))
      expect(shell.has(manifest[mod]!.file), `${mod} is loaded by the entry itself`).toBe(false);
  });

  it('the first load of every route is within 350 KB of gzip’d JavaScript', () => {
    const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
    const modules = pageModules();
    const sizes = PAGES.map((page) => {
      const files = staticClosure(modules.get(page.id)!, staticClosure(entry));
      return { page: page.id, url: page.url, bytes: total(files) };
    });
    const over = sizes.filter((s) => s.bytes > BUDGET);
    expect(
      over,
      `over ${BUDGET} bytes:\n${sizes.map((s) => `${s.page} ${s.url}: ${s.bytes}`).join('\n')}`,
    ).toEqual([]);
  });
});

/** The web maps' tiles (JINGLIN_MAP_TILE_URL) as the server must allow them. */

/**
 * The Content-Security-Policy img-src entry that lets the browser load the tiles: the template's
 * scheme and host, a `{s}` (or any `{…}`) subdomain label as `*` (`https://t{s}.tianditu.gov.cn/…`
 * → `https://*.tianditu.gov.cn`). Null for no tiles or same-origin tiles (`/tiles/{z}/…`: 'self').
 */
export function tileImgSource(url: string): string | null {
  const m = /^(https?:)?\/\/([^/?#]+)/i.exec(url.trim());
  if (!m) return null;
  const scheme = (m[1] ?? 'https:').toLowerCase();
  const labels = m[2]!.toLowerCase().split('.');
  // CSP allows a wildcard only as the leftmost label; a placeholder elsewhere: any host of the scheme.
  if (labels.slice(1).some((l) => /[{}]/.test(l))) return scheme;
  const host = labels.map((l, i) => (i === 0 && /[{}]/.test(l) ? '*' : l)).join('.');
  if (!/^[\w.*:-]+$/.test(host)) return scheme;
  return `${scheme}//${host}`;
}

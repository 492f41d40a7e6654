/**
 * The one way the web app talks to the server.
 *
 * - Cookie session: `credentials: 'same-origin'`.
 * - Every non-GET request carries `X-CSRF-Token` with the value of the `jinglin_csrf` cookie.
 * - `Accept-Language` is the current UI language, so problem `detail`s come back in it.
 * - Errors are RFC 9457 problem+json; they are thrown as `ApiError` with `detail`, `code` and
 *   per-field `errors` ready to be put onto form fields.
 */
import { ERROR_MESSAGES, type ErrorCode, type Language } from '@jinglin/shared';

export const API_BASE = '/api/v1';
export const CSRF_COOKIE = 'jinglin_csrf';

export interface FieldProblem {
  path: string;
  code: string;
  message: string;
}

export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: FieldProblem[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly fieldErrors: FieldProblem[];

  constructor(status: number, problem: ProblemBody, fallback: string) {
    const detail = problem.detail || problem.title || fallback;
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem.code ?? (status === 0 ? 'network' : 'internal');
    this.detail = detail;
    this.fieldErrors = Array.isArray(problem.errors) ? problem.errors : [];
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** Current language for Accept-Language; set by the i18n layer whenever it changes. */
let currentLanguage: Language = 'zh-CN';
export function setApiLanguage(lang: Language): void {
  currentLanguage = lang;
}

let lastRequestAt = Date.now();
/** When the last request reached the server (the session's idle clock restarts on each one). */
export function lastServerContact(): number {
  return lastRequestAt;
}

type ProblemListener = (err: ApiError, path: string) => void;
const listeners = new Set<ProblemListener>();
/** Listen to every failed request (used for session expiry and "enrol TOTP first"). */
export function onApiProblem(fn: ProblemListener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Do not tell the global listeners (e.g. the login form handles 401 itself). */
  quiet?: boolean;
  /**
   * A poll for news (alerts, the live map), not the user's activity: the server does not restart
   * the session's idle clock for it, and neither does the idle warning.
   */
  background?: boolean;
}

function fallbackMessage(code: string | undefined, status: number): string {
  const messages = ERROR_MESSAGES[currentLanguage];
  if (code && code in messages) return messages[code as ErrorCode];
  if (status === 0) return currentLanguage === 'en' ? 'Cannot reach the server.' : '无法连接服务器。';
  return messages.internal;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': currentLanguage,
    ...opts.headers,
  };
  if (opts.background) headers['X-Jinglin-Background'] = '1';
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) {
    // A file upload: the browser sets the multipart Content-Type with its boundary.
    body = opts.body;
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  const url = withQuery(path.startsWith('/api/') ? path : API_BASE + path, opts.query);
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, { code: 'network' }, fallbackMessage(undefined, 0));
  }
  if (!opts.background) lastRequestAt = Date.now();
  if (res.ok) {
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  let problem: ProblemBody = {};
  try {
    const text = await res.text();
    if (text) problem = JSON.parse(text) as ProblemBody;
  } catch {
    problem = {};
  }
  const err = new ApiError(res.status, problem, fallbackMessage(problem.code, res.status));
  if (!opts.quiet) for (const fn of listeners) fn(err, path);
  throw err;
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) =>
    request<T>('POST', path, { ...opts, body: body ?? {} }),
  put: <T>(path: string, body: unknown, opts?: RequestOptions) => request<T>('PUT', path, { ...opts, body }),
  patch: <T>(path: string, body: unknown, opts?: RequestOptions) =>
    request<T>('PATCH', path, { ...opts, body }),
  del: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, opts),
};

export interface Download {
  blob: Blob;
  filename: string;
  headers: Headers;
}

/** The file name of a `Content-Disposition` header (the UTF-8 `filename*` when there is one). */
export function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

/**
 * GET a file (an export, an error report) with the session cookie. Failures are problem+json like
 * every other request and are thrown as `ApiError`, so the page can explain them.
 */
export async function downloadFile(
  path: string,
  query: Query | undefined,
  fallbackName: string,
): Promise<Download> {
  const url = withQuery(path.startsWith('/api/') ? path : API_BASE + path, query);
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { 'Accept-Language': currentLanguage },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, { code: 'network' }, fallbackMessage(undefined, 0));
  }
  lastRequestAt = Date.now();
  if (!res.ok) {
    let problem: ProblemBody = {};
    try {
      problem = JSON.parse(await res.text()) as ProblemBody;
    } catch {
      problem = {};
    }
    const err = new ApiError(res.status, problem, fallbackMessage(problem.code, res.status));
    for (const fn of listeners) fn(err, path);
    throw err;
  }
  const blob = await res.blob();
  return {
    blob,
    filename: filenameOf(res.headers.get('content-disposition'), fallbackName),
    headers: res.headers,
  };
}

/** Hand a downloaded file to the browser (its usual "save" behaviour). */
export function saveFile(d: Download): void {
  const href = URL.createObjectURL(d.blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = d.filename;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/** First segment of a problem `errors[].path` ("/roles/0", "roles.0", "body.roles" → "roles"). */
export function fieldOfPath(path: string): string {
  const parts = path
    .replace(/^[#/]+/, '')
    .split(/[./[\]]+/)
    .filter(Boolean);
  if (parts[0] === 'body' || parts[0] === 'query') parts.shift();
  return parts[0] ?? '';
}

// Thin fetch wrapper for the Zajedno API: same-origin cookies, CSRF header on unsafe
// methods, and problem+json turned into a typed ApiError the forms can map to fields.

export const API_BASE = '/api/v1';

export type FieldError = { field: string; message: string };

export type ProblemCode =
  | 'validation'
  | 'bad_request'
  | 'unauthenticated'
  | 'mfa_required'
  | 'forbidden'
  | 'password_change_required'
  | 'not_found'
  | 'conflict'
  | 'wall'
  | 'person_exists'
  | 'too_many_requests'
  | 'payload_too_large'
  | 'internal'
  | 'network'
  | (string & {});

export class ApiError extends Error {
  readonly status: number;
  readonly code: ProblemCode;
  readonly errors: FieldError[];
  readonly detail?: string;
  readonly requestId?: string;

  constructor(init: { status: number; code: ProblemCode; title?: string; detail?: string; errors?: FieldError[]; requestId?: string }) {
    super(init.detail || init.title || init.code);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.errors = init.errors ?? [];
    this.detail = init.detail;
    this.requestId = init.requestId;
  }

  /** The server's message for one field, if it named that field. */
  fieldMessage(field: string): string | undefined {
    return this.errors.find((e) => e.field === field)?.message;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

const fallbackCodes: Record<number, ProblemCode> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  422: 'validation',
  429: 'too_many_requests',
};

/** Turns a non-2xx response into an ApiError; tolerates bodies that are not problem+json. */
export async function parseProblem(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    const text = await res.text();
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  const p = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  let code = typeof p.code === 'string' && p.code ? p.code : fallbackCodes[res.status] ?? (res.status >= 500 ? 'internal' : 'bad_request');
  if (p.mfa_required === true && res.status === 401) code = 'mfa_required';
  const errors: FieldError[] = Array.isArray(p.errors)
    ? p.errors
        .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
        .map((e) => ({ field: String(e.field ?? ''), message: String(e.message ?? '') }))
    : [];
  return new ApiError({
    status: res.status,
    code,
    title: typeof p.title === 'string' ? p.title : undefined,
    detail: typeof p.detail === 'string' ? p.detail : undefined,
    errors,
    requestId: typeof p.request_id === 'string' ? p.request_id : undefined,
  });
}

export function readCookie(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

// Kept from the login answer in case the cookie is not readable yet (same value).
let csrfFallback: string | undefined;
export function rememberCsrfToken(token: string | undefined) {
  csrfFallback = token || undefined;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  signal?: AbortSignal;
};

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  }
  const s = qs.toString();
  return `${API_BASE}${path}${s ? `?${s}` : ''}`;
}

/** Calls the API and returns the parsed JSON (undefined for 204). Throws ApiError. */
export async function apiFetch<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  // Lets the server word its messages in the language the user reads.
  const lang = typeof document !== 'undefined' ? document.documentElement.lang : '';
  if (lang) headers['Accept-Language'] = lang;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (!SAFE.has(method)) {
    const token = readCookie('zajedno_csrf') ?? csrfFallback;
    if (token) headers['X-CSRF-Token'] = token;
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError({ status: 0, code: 'network' });
  }
  if (!res.ok) throw await parseProblem(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export type List<T> = { items: T[]; next_cursor: string | null };

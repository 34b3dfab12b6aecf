import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiFetch, parseProblem } from './api';

function problem(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json' } });
}

afterEach(() => vi.restoreAllMocks());

describe('parseProblem', () => {
  it('reads code, status and field errors', async () => {
    const e = await parseProblem(
      problem(422, { type: 'about:blank', title: 'Invalid', status: 422, detail: 'Check the fields.', code: 'validation', request_id: 'r1', errors: [{ field: 'username', message: 'Required.' }] }),
    );
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(422);
    expect(e.code).toBe('validation');
    expect(e.errors).toEqual([{ field: 'username', message: 'Required.' }]);
    expect(e.fieldMessage('username')).toBe('Required.');
    expect(e.requestId).toBe('r1');
  });

  it('recognises mfa_required', async () => {
    const e = await parseProblem(problem(401, { status: 401, code: 'mfa_required', mfa_required: true }));
    expect(e.code).toBe('mfa_required');
  });

  it('falls back to a code from the status when the body is not JSON', async () => {
    const e = await parseProblem(new Response('<html>Bad gateway</html>', { status: 502 }));
    expect(e.code).toBe('internal');
    const e2 = await parseProblem(new Response('', { status: 429 }));
    expect(e2.code).toBe('too_many_requests');
    expect(e2.errors).toEqual([]);
  });
});

describe('apiFetch', () => {
  it('sends the CSRF cookie on unsafe methods only, with same-origin credentials', async () => {
    document.cookie = 'zajedno_csrf=tok%3D1';
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response(null, { status: 204 }));
    await apiFetch('/auth/logout', { method: 'POST' });
    await apiFetch('/me');
    const [url, post] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/auth/logout');
    expect((post!.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok=1');
    expect(post!.credentials).toBe('same-origin');
    const get = fetchMock.mock.calls[1]![1]!;
    expect((get.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
  });

  it('builds query strings without empty values and throws ApiError', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => problem(404, { code: 'not_found', status: 404 }));
    await expect(apiFetch('/users', { query: { q: 'ana', cursor: undefined, limit: 50 } })).rejects.toMatchObject({ status: 404, code: 'not_found' });
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/v1/users?q=ana&limit=50');
  });

  it('turns a failed connection into a network error', async () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(apiFetch('/me')).rejects.toMatchObject({ status: 0, code: 'network' });
  });
});

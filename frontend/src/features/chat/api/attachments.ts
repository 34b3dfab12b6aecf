import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiFetch, buildUrl, parseProblem, readCookie, type List } from '@/lib/api';
import type { Sensitivity } from '@/lib/types';
import { attachmentsKey } from './keys';

export type Attachment = {
  id: string;
  case_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sensitivity: Sensitivity;
  created_at: string;
};

/** The kinds of file the server takes (it checks the content, not the name). */
export const ATTACHMENT_ACCEPT = 'application/pdf,image/jpeg,image/png,image/heic,.pdf,.jpg,.jpeg,.png,.heic';

/** GET /cases/{id}/attachments: the case's files the caller may read (for their names). */
export function getAttachments(caseId: string, signal?: AbortSignal): Promise<List<Attachment>> {
  return apiFetch<List<Attachment>>(`/cases/${encodeURIComponent(caseId)}/attachments`, { signal });
}

export const attachmentsQuery = (caseId: string) =>
  queryOptions({ queryKey: attachmentsKey(caseId), queryFn: ({ signal }) => getAttachments(caseId, signal), staleTime: 60_000 });

export function useAttachments(caseId: string, enabled: boolean) {
  return useQuery({ ...attachmentsQuery(caseId), enabled });
}

/** Where a file is downloaded from. */
export const attachmentUrl = (id: string) => buildUrl(`/attachments/${encodeURIComponent(id)}`);

/**
 * POST /cases/{id}/attachments (multipart: file, sensitivity): the same upload the case's
 * files use; the message then carries the attachment's id and the same sensitivity.
 */
export async function uploadAttachment({ caseId, file, sensitivity }: { caseId: string; file: File; sensitivity: Sensitivity }): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file);
  form.append('sensitivity', sensitivity);
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = readCookie('zajedno_csrf');
  if (token) headers['X-CSRF-Token'] = token;
  const lang = document.documentElement.lang;
  if (lang) headers['Accept-Language'] = lang;
  let res: Response;
  try {
    res = await fetch(buildUrl(`/cases/${encodeURIComponent(caseId)}/attachments`), { method: 'POST', headers, body: form, credentials: 'same-origin' });
  } catch {
    throw new ApiError({ status: 0, code: 'network' });
  }
  if (!res.ok) throw await parseProblem(res);
  return (await res.json()) as Attachment;
}

export function useUploadAttachment(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: uploadAttachment,
    onSuccess: (a) =>
      qc.setQueryData<List<Attachment>>(attachmentsKey(caseId), (old) => (old ? { ...old, items: [...old.items.filter((x) => x.id !== a.id), a] } : old)),
  });
}

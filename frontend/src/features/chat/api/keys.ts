/** Query keys of the chat; everything of one case's chat under ['chat', caseId]. */
export const chatKey = (caseId: string) => ['chat', caseId] as const;
export const messagesKey = (caseId: string) => [...chatKey(caseId), 'messages'] as const;
export const readsKey = (caseId: string) => [...chatKey(caseId), 'reads'] as const;
export const searchKey = (caseId: string, q: string) => [...chatKey(caseId), 'search', q] as const;
export const unreadKey = (caseId: string) => [...chatKey(caseId), 'unread'] as const;
export const attachmentsKey = (caseId: string) => [...chatKey(caseId), 'attachments'] as const;
export const goalsKey = (caseId: string) => [...chatKey(caseId), 'goals'] as const;

/** The cases feature's keys this feature touches (by shape, not by import): lists and one case's details. */
export const caseListsKey = ['cases', 'list'] as const;
export const caseDetailKey = (caseId: string) => ['cases', 'detail', caseId] as const;

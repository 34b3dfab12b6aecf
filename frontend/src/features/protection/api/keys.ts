export const protectionKey = ['protection'] as const;

/** The case's own keys, shared with the case workspace so that both read one cache entry. */
export const caseDetailKey = (caseId: string) => ['cases', 'detail', caseId] as const;

export const meetingsKey = ['meetings'] as const;

export const oncallKey = ['oncall'] as const;
export const shiftsKey = (agencyId: string) => [...oncallKey, 'shifts', agencyId] as const;
export const escalationKey = (agencyId: string) => [...oncallKey, 'escalation', agencyId] as const;

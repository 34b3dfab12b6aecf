export const referralsKey = ['referrals'] as const;

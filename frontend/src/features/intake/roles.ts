import type { Role } from '@/lib/types';

/** Who takes in events from partner systems: social workers and team leads of the CSR. */
export const INTAKE_ROLES: readonly Role[] = ['social_worker', 'team_lead'];

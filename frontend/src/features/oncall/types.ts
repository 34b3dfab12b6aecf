/** A stretch of an agency's rota, as GET /agencies/{id}/shifts answers it (times in UTC). */
export type Shift = {
  id: string;
  agency_id: string;
  starts_at: string;
  ends_at: string;
  oncall_user_id: string;
  oncall_name: string;
  backup_user_id: string | null;
  backup_name: string | null;
  head_user_id: string | null;
  head_name: string | null;
};

/** Who is on call now for one agency; shift null when nobody is. */
export type AgencyOnCall = { agency_id: string; agency_name: string; shift: Shift | null };

/** How many days ahead the rota page shows. */
export const ROTA_DAYS = 14;

-- +goose Up
-- A page outlives its shift: it is handed over to the next shift, or, with no shift on call
-- (or nobody active left on the rota), it stops and the agency's team leads are paged.
ALTER TABLE page_steps DROP CONSTRAINT page_steps_action_check;
ALTER TABLE page_steps ADD CONSTRAINT page_steps_action_check
    CHECK (action IN ('page','escalate','handover','acknowledge','nobody_on_call','shift_ended'));

-- +goose Down
ALTER TABLE page_steps DROP CONSTRAINT page_steps_action_check;
ALTER TABLE page_steps ADD CONSTRAINT page_steps_action_check
    CHECK (action IN ('page','escalate','acknowledge','nobody_on_call'));

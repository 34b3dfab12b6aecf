-- +goose Up
-- Which teams are in which coordination group's area, in one place: the teams whose members'
-- agencies lie in one of the group's municipalities. The visibility of the area's cases, the
-- agendas, the reminders to the chair, the chair's unacknowledged reports and the statistics
-- all read it.
CREATE VIEW coordination_group_teams AS
    SELECT DISTINCT a.group_id, tm.team_id
    FROM team_members tm
    JOIN users u ON u.id = tm.user_id
    JOIN agencies ag ON ag.id = u.agency_id AND ag.municipality <> ''
    JOIN coordination_group_areas a ON zajedno_fold(a.municipality) = zajedno_fold(ag.municipality);

CREATE OR REPLACE VIEW coordination_visibility AS
    SELECT DISTINCT gt.team_id, x.user_id
    FROM coordination_group_teams gt
    JOIN (SELECT id AS group_id, chair_id AS user_id FROM coordination_groups
          UNION SELECT group_id, user_id FROM coordination_group_members) x ON x.group_id = gt.group_id;

-- +goose Down
CREATE OR REPLACE VIEW coordination_visibility AS
    SELECT DISTINCT tm.team_id, x.user_id
    FROM team_members tm
    JOIN users u ON u.id = tm.user_id
    JOIN agencies ag ON ag.id = u.agency_id AND ag.municipality <> ''
    JOIN coordination_group_areas a ON zajedno_fold(a.municipality) = zajedno_fold(ag.municipality)
    JOIN (SELECT id AS group_id, chair_id AS user_id FROM coordination_groups
          UNION SELECT group_id, user_id FROM coordination_group_members) x ON x.group_id = a.group_id;
DROP VIEW coordination_group_teams;

-- Units and staff named by earlier interactions become records; responses take their interaction's context;
-- every scored answer already stored (only the first of each role was kept) gets its response_scores row.
-- Ids are random UUID-shaped text, like the app's own.
INSERT INTO `units` (`id`, `org_id`, `name`, `created_at`)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       `org_id`, `unit`, min(`created_at`)
FROM `interactions` WHERE `unit` IS NOT NULL GROUP BY `org_id`, `unit`;
--> statement-breakpoint
INSERT INTO `agents` (`id`, `org_id`, `name`, `created_at`)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       `org_id`, `agent`, min(`created_at`)
FROM `interactions` WHERE `agent` IS NOT NULL GROUP BY `org_id`, `agent`;
--> statement-breakpoint
UPDATE `interactions` SET `unit_id` = (SELECT `id` FROM `units` u WHERE u.`org_id` = `interactions`.`org_id` AND u.`name` = `interactions`.`unit`)
WHERE `unit` IS NOT NULL AND `unit_id` IS NULL;
--> statement-breakpoint
UPDATE `interactions` SET `agent_id` = (SELECT `id` FROM `agents` a WHERE a.`org_id` = `interactions`.`org_id` AND a.`name` = `interactions`.`agent`)
WHERE `agent` IS NOT NULL AND `agent_id` IS NULL;
--> statement-breakpoint
UPDATE `responses` SET (`unit_id`, `agent_id`, `channel`, `interaction_type`, `interaction_at`) = (
  SELECT i.`unit_id`, i.`agent_id`, i.`channel`, i.`type`, i.`occurred_at`
  FROM `invitations` v JOIN `interactions` i ON i.`id` = v.`interaction_id`
  WHERE v.`id` = `responses`.`invitation_id`
)
WHERE `channel` IS NULL;
--> statement-breakpoint
-- The question behind each stored value is the first question of its role in the version's definition (old
-- responses kept only that one); when a definition names none, the role stands in as the question.
INSERT INTO `response_scores` (`response_id`, `org_id`, `survey_id`, `metric`, `series`, `question`, `value`, `responded_at`, `unit_id`, `agent_id`, `channel`, `interaction_type`)
WITH `role_questions` AS (
  SELECT v.`id` AS `version_id`, json_extract(t.`value`, '$.metric') AS `metric`, json_extract(t.`value`, '$.name') AS `question`, min(t.`id`) AS `position`
  FROM `survey_versions` v, json_tree(v.`definition`) t
  WHERE t.`type` = 'object' AND json_extract(t.`value`, '$.metric') IN ('nps', 'csat', 'ces') AND json_extract(t.`value`, '$.name') IS NOT NULL
  GROUP BY v.`id`, json_extract(t.`value`, '$.metric')
),
`stored` AS (
  SELECT `id`, 'nps' AS `metric`, 'nps@0-10' AS `series`, `nps` AS `value` FROM `responses` WHERE `nps` IS NOT NULL
  UNION ALL SELECT `id`, 'csat', 'csat@1-5', `csat` FROM `responses` WHERE `csat` IS NOT NULL
  UNION ALL SELECT `id`, 'ces', 'ces@1-7', `ces` FROM `responses` WHERE `ces` IS NOT NULL
)
SELECT r.`id`, r.`org_id`, r.`survey_id`, s.`metric`, s.`series`, coalesce(q.`question`, s.`metric`), s.`value`, r.`created_at`,
       r.`unit_id`, r.`agent_id`, r.`channel`, r.`interaction_type`
FROM `stored` s
JOIN `responses` r ON r.`id` = s.`id`
LEFT JOIN `role_questions` q ON q.`version_id` = r.`survey_version_id` AND q.`metric` = s.`metric`;

-- The rollup tables' keys put the survey before the period, so a read of one survey's year is one range of the
-- key instead of every survey's days, and a read of all surveys names each survey. Units and the pairs behind
-- key drivers gain a month grain, so a year is read as twelve months and a few days (bench/analytics.ts measured
-- both). The rows are copied, and the month cells are summed from the day cells already kept: nothing needs
-- rebuilding. Hand-corrected like 0005: drizzle's schema cannot say WITHOUT ROWID, these tables hold no foreign
-- keys (the generated PRAGMA foreign_keys lines went), and the old pair rows had no grain to copy.
CREATE TABLE `__new_invitation_rollups` (
	`org_id` text NOT NULL,
	`grain` text NOT NULL,
	`period` text NOT NULL,
	`survey_id` text NOT NULL,
	`segment` text NOT NULL,
	`sent` integer NOT NULL,
	`responded` integer NOT NULL,
	PRIMARY KEY(`org_id`, `grain`, `survey_id`, `period`, `segment`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_invitation_rollups`("org_id", "grain", "period", "survey_id", "segment", "sent", "responded") SELECT "org_id", "grain", "period", "survey_id", "segment", "sent", "responded" FROM `invitation_rollups`;--> statement-breakpoint
DROP TABLE `invitation_rollups`;--> statement-breakpoint
ALTER TABLE `__new_invitation_rollups` RENAME TO `invitation_rollups`;--> statement-breakpoint
CREATE TABLE `__new_pair_rollups` (
	`org_id` text NOT NULL,
	`grain` text NOT NULL,
	`period` text NOT NULL,
	`survey_id` text NOT NULL,
	`a` text NOT NULL,
	`b` text NOT NULL,
	`n` integer NOT NULL,
	`sum_a` real NOT NULL,
	`sum_b` real NOT NULL,
	`sum_aa` real NOT NULL,
	`sum_bb` real NOT NULL,
	`sum_ab` real NOT NULL,
	PRIMARY KEY(`org_id`, `grain`, `survey_id`, `period`, `a`, `b`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_pair_rollups`("org_id", "grain", "period", "survey_id", "a", "b", "n", "sum_a", "sum_b", "sum_aa", "sum_bb", "sum_ab") SELECT "org_id", 'day', "period", "survey_id", "a", "b", "n", "sum_a", "sum_b", "sum_aa", "sum_bb", "sum_ab" FROM `pair_rollups`;--> statement-breakpoint
DROP TABLE `pair_rollups`;--> statement-breakpoint
ALTER TABLE `__new_pair_rollups` RENAME TO `pair_rollups`;--> statement-breakpoint
CREATE TABLE `__new_score_rollups` (
	`org_id` text NOT NULL,
	`grain` text NOT NULL,
	`series` text NOT NULL,
	`period` text NOT NULL,
	`survey_id` text NOT NULL,
	`segment` text NOT NULL,
	`n` integer NOT NULL,
	`sum` integer NOT NULL,
	`sum_sq` integer NOT NULL,
	`hi` integer NOT NULL,
	`lo` integer NOT NULL,
	PRIMARY KEY(`org_id`, `grain`, `series`, `survey_id`, `period`, `segment`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_score_rollups`("org_id", "grain", "series", "period", "survey_id", "segment", "n", "sum", "sum_sq", "hi", "lo") SELECT "org_id", "grain", "series", "period", "survey_id", "segment", "n", "sum", "sum_sq", "hi", "lo" FROM `score_rollups`;--> statement-breakpoint
DROP TABLE `score_rollups`;--> statement-breakpoint
ALTER TABLE `__new_score_rollups` RENAME TO `score_rollups`;--> statement-breakpoint
INSERT INTO `score_rollups` ("org_id", "grain", "series", "survey_id", "period", "segment", "n", "sum", "sum_sq", "hi", "lo")
SELECT "org_id", 'unit/month', "series", "survey_id", substr("period", 1, 7), "segment", sum("n"), sum("sum"), sum("sum_sq"), sum("hi"), sum("lo")
FROM `score_rollups` WHERE "grain" = 'unit/day' GROUP BY "org_id", "series", "survey_id", substr("period", 1, 7), "segment";--> statement-breakpoint
INSERT INTO `invitation_rollups` ("org_id", "grain", "survey_id", "period", "segment", "sent", "responded")
SELECT "org_id", 'unit/month', "survey_id", substr("period", 1, 7), "segment", sum("sent"), sum("responded")
FROM `invitation_rollups` WHERE "grain" = 'unit/day' GROUP BY "org_id", "survey_id", substr("period", 1, 7), "segment";--> statement-breakpoint
INSERT INTO `pair_rollups` ("org_id", "grain", "survey_id", "period", "a", "b", "n", "sum_a", "sum_b", "sum_aa", "sum_bb", "sum_ab")
SELECT "org_id", 'month', "survey_id", substr("period", 1, 7), "a", "b", sum("n"), sum("sum_a"), sum("sum_b"), sum("sum_aa"), sum("sum_bb"), sum("sum_ab")
FROM `pair_rollups` WHERE "grain" = 'day' GROUP BY "org_id", "survey_id", substr("period", 1, 7), "a", "b";

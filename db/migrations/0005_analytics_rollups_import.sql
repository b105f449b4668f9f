CREATE TABLE `comment_themes` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`keywords` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `comment_themes_org_name_unique` ON `comment_themes` (`org_id`,`name`);--> statement-breakpoint
CREATE TABLE `index_weights` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`version` integer NOT NULL,
	`weights` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `index_weights_org_version_unique` ON `index_weights` (`org_id`,`version`);--> statement-breakpoint
CREATE TABLE `invitation_rollups` (
	`org_id` text NOT NULL,
	`grain` text NOT NULL,
	`period` text NOT NULL,
	`survey_id` text NOT NULL,
	`segment` text NOT NULL,
	`sent` integer NOT NULL,
	`responded` integer NOT NULL,
	PRIMARY KEY(`org_id`, `grain`, `period`, `survey_id`, `segment`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `pair_rollups` (
	`org_id` text NOT NULL,
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
	PRIMARY KEY(`org_id`, `period`, `survey_id`, `a`, `b`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `score_rollups` (
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
	PRIMARY KEY(`org_id`, `grain`, `series`, `period`, `survey_id`, `segment`)
) WITHOUT ROWID;
--> statement-breakpoint
-- Responses imported from another tool answered no invitation (invitation_id becomes nullable: SQLite rebuilds
-- the table), and every response keeps its scored answers itself, which the rollups are rebuilt from: the
-- response_scores rows move into responses.scores and their table goes. It goes first, so no foreign key points
-- at the old responses table when that is dropped (D1 and libSQL both enforce them here).
CREATE TABLE `__scores_by_response` AS SELECT `response_id`, json_group_array(json_object('question', `question`, 'metric', `metric`, 'series', `series`, 'value', `value`)) AS `scores` FROM (SELECT * FROM `response_scores` ORDER BY `id`) GROUP BY `response_id`;--> statement-breakpoint
DROP TABLE `response_scores`;--> statement-breakpoint
CREATE TABLE `__new_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`invitation_id` text,
	`survey_id` text NOT NULL,
	`survey_version_id` text NOT NULL,
	`data` text NOT NULL,
	`nps` integer,
	`csat` integer,
	`ces` integer,
	`unit_id` text,
	`agent_id` text,
	`channel` text,
	`interaction_type` text,
	`interaction_at` integer,
	`external_id` text,
	`scores` text DEFAULT '[]' NOT NULL,
	`imported_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`survey_version_id`) REFERENCES `survey_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_responses`("id", "org_id", "invitation_id", "survey_id", "survey_version_id", "data", "nps", "csat", "ces", "unit_id", "agent_id", "channel", "interaction_type", "interaction_at", "scores", "created_at") SELECT r."id", r."org_id", r."invitation_id", r."survey_id", r."survey_version_id", r."data", r."nps", r."csat", r."ces", r."unit_id", r."agent_id", r."channel", r."interaction_type", r."interaction_at", coalesce(s."scores", '[]'), r."created_at" FROM `responses` r LEFT JOIN `__scores_by_response` s ON s."response_id" = r."id";--> statement-breakpoint
DROP TABLE `responses`;--> statement-breakpoint
ALTER TABLE `__new_responses` RENAME TO `responses`;--> statement-breakpoint
DROP TABLE `__scores_by_response`;--> statement-breakpoint
CREATE UNIQUE INDEX `responses_invitation_unique` ON `responses` (`invitation_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `responses_survey_external_unique` ON `responses` (`org_id`,`survey_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `responses_survey_created_idx` ON `responses` (`survey_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `responses_org_created_idx` ON `responses` (`org_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `response_comments` (
	`id` integer PRIMARY KEY NOT NULL,
	`response_id` text NOT NULL,
	`org_id` text NOT NULL,
	`survey_id` text NOT NULL,
	`question` text NOT NULL,
	`text` text NOT NULL,
	`sentiment` real NOT NULL,
	`sentiment_label` text NOT NULL,
	`responded_at` integer NOT NULL,
	`unit_id` text,
	`agent_id` text,
	`channel` text,
	`interaction_type` text,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `response_comments_org_time_idx` ON `response_comments` (`org_id`,`responded_at`);--> statement-breakpoint
CREATE INDEX `response_comments_response_idx` ON `response_comments` (`response_id`);

CREATE TABLE `agents` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agents_org_name_unique` ON `agents` (`org_id`,`name`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_org_name_unique` ON `units` (`org_id`,`name`);--> statement-breakpoint
CREATE TABLE `response_scores` (
	`id` integer PRIMARY KEY NOT NULL,
	`response_id` text NOT NULL,
	`org_id` text NOT NULL,
	`survey_id` text NOT NULL,
	`metric` text NOT NULL,
	`series` text NOT NULL,
	`question` text NOT NULL,
	`value` real NOT NULL,
	`responded_at` integer NOT NULL,
	`unit_id` text,
	`agent_id` text,
	`channel` text,
	`interaction_type` text,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `response_scores_org_metric_time_idx` ON `response_scores` (`org_id`,`metric`,`responded_at`);--> statement-breakpoint
CREATE INDEX `response_scores_survey_metric_time_idx` ON `response_scores` (`survey_id`,`metric`,`responded_at`);--> statement-breakpoint
CREATE INDEX `response_scores_unit_metric_time_idx` ON `response_scores` (`org_id`,`unit_id`,`metric`,`responded_at`);--> statement-breakpoint
CREATE INDEX `response_scores_agent_metric_time_idx` ON `response_scores` (`org_id`,`agent_id`,`metric`,`responded_at`);--> statement-breakpoint
ALTER TABLE `interactions` ADD `unit_id` text REFERENCES units(id);--> statement-breakpoint
ALTER TABLE `interactions` ADD `agent_id` text REFERENCES agents(id);--> statement-breakpoint
ALTER TABLE `responses` ADD `unit_id` text REFERENCES units(id);--> statement-breakpoint
ALTER TABLE `responses` ADD `agent_id` text REFERENCES agents(id);--> statement-breakpoint
ALTER TABLE `responses` ADD `channel` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `interaction_type` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `interaction_at` integer;
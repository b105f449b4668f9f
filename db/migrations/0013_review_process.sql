CREATE TABLE `action_items` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`pack_id` text NOT NULL,
	`title` text NOT NULL,
	`owner_id` text,
	`due_on` text,
	`status` text DEFAULT 'open' NOT NULL,
	`done_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pack_id`) REFERENCES `review_packs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `action_items_org_status_idx` ON `action_items` (`org_id`,`status`);--> statement-breakpoint
CREATE TABLE `benchmark_points` (
	`series_id` text NOT NULL,
	`as_of` text NOT NULL,
	`value` real NOT NULL,
	`source` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`series_id`, `as_of`),
	FOREIGN KEY (`series_id`) REFERENCES `benchmark_series`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `benchmark_series` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`metric` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `benchmark_series_org_name_unique` ON `benchmark_series` (`org_id`,`name`,`metric`);--> statement-breakpoint
CREATE TABLE `case_events` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`org_id` text NOT NULL,
	`kind` text NOT NULL,
	`author_id` text,
	`body` text,
	`data` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_events_case_idx` ON `case_events` (`case_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`number` integer NOT NULL,
	`response_id` text NOT NULL,
	`unit_id` text,
	`agent_id` text,
	`customer_email` text,
	`customer_name` text,
	`trigger` text NOT NULL,
	`reason` text NOT NULL,
	`priority` text NOT NULL,
	`owner_id` text,
	`status` text DEFAULT 'open' NOT NULL,
	`root_cause` text,
	`due_at` integer NOT NULL,
	`contacted_at` integer,
	`closed_at` integer,
	`escalated_at` integer,
	`resurvey_invitation_id` text,
	`opened_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resurvey_invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`opened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_org_number_unique` ON `cases` (`org_id`,`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `cases_response_unique` ON `cases` (`response_id`);--> statement-breakpoint
CREATE INDEX `cases_org_status_due_idx` ON `cases` (`org_id`,`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `cases_owner_idx` ON `cases` (`owner_id`);--> statement-breakpoint
CREATE TABLE `digest_sends` (
	`user_id` text NOT NULL,
	`week` text NOT NULL,
	`sent_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `week`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `kpis` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`metric` text NOT NULL,
	`survey_id` text,
	`unit_id` text,
	`channel` text,
	`target` real NOT NULL,
	`warning` real NOT NULL,
	`direction` text NOT NULL,
	`period` text NOT NULL,
	`digest_status` text,
	`created_by` text,
	`archived_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kpis_org_name_unique` ON `kpis` (`org_id`,`name`);--> statement-breakpoint
CREATE TABLE `pack_comments` (
	`id` text PRIMARY KEY NOT NULL,
	`pack_id` text NOT NULL,
	`org_id` text NOT NULL,
	`author_id` text,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`pack_id`) REFERENCES `review_packs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pack_comments_pack_idx` ON `pack_comments` (`pack_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `review_packs` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`title` text NOT NULL,
	`period` text NOT NULL,
	`from_day` text NOT NULL,
	`to_day` text NOT NULL,
	`unit_id` text,
	`channel` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`snapshot` text NOT NULL,
	`frozen_at` integer NOT NULL,
	`summary` text,
	`created_by` text,
	`closed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `review_packs_org_period_idx` ON `review_packs` (`org_id`,`from_day`);--> statement-breakpoint
CREATE TABLE `user_units` (
	`user_id` text NOT NULL,
	`unit_id` text NOT NULL,
	PRIMARY KEY(`user_id`, `unit_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `user_units_unit_idx` ON `user_units` (`unit_id`);--> statement-breakpoint
ALTER TABLE `organisations` ADD `case_rules` text;--> statement-breakpoint
ALTER TABLE `organisations` ADD `case_sla` text;--> statement-breakpoint
ALTER TABLE `organisations` ADD `review_period` text DEFAULT 'quarter' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `agent_id` text;
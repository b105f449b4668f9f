CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text,
	`locale` text,
	`time_zone` text,
	`attributes` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_org_email_unique` ON `customers` (`org_id`,`email`);--> statement-breakpoint
CREATE TABLE `suppressions` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`reason` text NOT NULL,
	`detail` text,
	`invitation_id` text,
	`created_at` integer NOT NULL,
	`lifted_at` integer,
	`lifted_by` text,
	`lift_reason` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lifted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `suppressions_active_unique` ON `suppressions` (`customer_id`) WHERE lifted_at is null;--> statement-breakpoint
CREATE INDEX `suppressions_org_created_idx` ON `suppressions` (`org_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `delivery_events` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text,
	`invitation_id` text,
	`type` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`detail` text,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `delivery_events_invitation_idx` ON `delivery_events` (`invitation_id`);--> statement-breakpoint
CREATE TABLE `rule_decisions` (
	`rule_id` text NOT NULL,
	`interaction_id` text NOT NULL,
	`org_id` text NOT NULL,
	`survey_id` text NOT NULL,
	`unit_id` text,
	`occurred_at` integer NOT NULL,
	`outcome` text NOT NULL,
	`decided_at` integer NOT NULL,
	PRIMARY KEY(`rule_id`, `interaction_id`),
	FOREIGN KEY (`rule_id`) REFERENCES `distribution_rules`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`interaction_id`) REFERENCES `interactions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rule_decisions_survey_idx` ON `rule_decisions` (`org_id`,`survey_id`,`occurred_at`);--> statement-breakpoint
DROP INDEX `invitations_interaction_survey_unique`;--> statement-breakpoint
ALTER TABLE `invitations` ADD `customer_id` text REFERENCES customers(id);--> statement-breakpoint
ALTER TABLE `invitations` ADD `sequence` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `invitations` ADD `parent_id` text;--> statement-breakpoint
ALTER TABLE `invitations` ADD `handed_at` integer;--> statement-breakpoint
ALTER TABLE `invitations` ADD `cancel_reason` text;--> statement-breakpoint
ALTER TABLE `invitations` ADD `delivery` text;--> statement-breakpoint
ALTER TABLE `invitations` ADD `delivery_detail` text;--> statement-breakpoint
ALTER TABLE `invitations` ADD `delivered_at` integer;--> statement-breakpoint
ALTER TABLE `invitations` ADD `visited_at` integer;--> statement-breakpoint
ALTER TABLE `invitations` ADD `email_opened_at` integer;--> statement-breakpoint
ALTER TABLE `invitations` ADD `email_clicked_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_interaction_survey_sequence_unique` ON `invitations` (`interaction_id`,`survey_id`,`sequence`);--> statement-breakpoint
CREATE INDEX `invitations_customer_send_idx` ON `invitations` (`customer_id`,`send_at`);--> statement-breakpoint
CREATE INDEX `invitations_parent_idx` ON `invitations` (`parent_id`);--> statement-breakpoint
CREATE INDEX `invitations_provider_idx` ON `invitations` (`provider_id`);--> statement-breakpoint
ALTER TABLE `organisations` ADD `contact_gap_days` integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE `organisations` ADD `quiet_start_minute` integer DEFAULT 1260;--> statement-breakpoint
ALTER TABLE `organisations` ADD `quiet_end_minute` integer DEFAULT 480;--> statement-breakpoint
ALTER TABLE `organisations` ADD `interaction_import_mapping` text;--> statement-breakpoint
ALTER TABLE `distribution_rules` ADD `match_units` text;--> statement-breakpoint
ALTER TABLE `distribution_rules` ADD `match_attributes` text;--> statement-breakpoint
ALTER TABLE `distribution_rules` ADD `sample_percent` integer DEFAULT 100 NOT NULL;--> statement-breakpoint
ALTER TABLE `distribution_rules` ADD `reminder_days` text;--> statement-breakpoint
ALTER TABLE `distribution_rules` ADD `contact_gap_days` integer;--> statement-breakpoint
ALTER TABLE `distribution_rules` ADD `deleted_at` integer;--> statement-breakpoint
ALTER TABLE `distribution_rules` ADD `updated_at` integer;--> statement-breakpoint
ALTER TABLE `units` ADD `time_zone` text;--> statement-breakpoint
ALTER TABLE `interactions` ADD `customer_id` text REFERENCES customers(id);--> statement-breakpoint
ALTER TABLE `interactions` ADD `status` text DEFAULT 'closed' NOT NULL;--> statement-breakpoint
ALTER TABLE `interactions` ADD `attributes` text;

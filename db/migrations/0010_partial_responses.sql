CREATE TABLE `partial_responses` (
	`invitation_id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`survey_id` text NOT NULL,
	`survey_version_id` text NOT NULL,
	`data` text NOT NULL,
	`current_page` integer DEFAULT 0 NOT NULL,
	`furthest_page` integer DEFAULT 0 NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`survey_version_id`) REFERENCES `survey_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `partial_responses_survey_idx` ON `partial_responses` (`org_id`,`survey_id`);
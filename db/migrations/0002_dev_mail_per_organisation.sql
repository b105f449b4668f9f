ALTER TABLE `dev_messages` ADD `org_id` text;--> statement-breakpoint
CREATE INDEX `dev_messages_org_idx` ON `dev_messages` (`org_id`);
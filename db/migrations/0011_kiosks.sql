ALTER TABLE `units` ADD `kiosk_slug` text;--> statement-breakpoint
ALTER TABLE `units` ADD `kiosk_survey_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `units_kiosk_slug_unique` ON `units` (`kiosk_slug`);--> statement-breakpoint
ALTER TABLE `responses` ADD `source` text;
ALTER TABLE `surveys` ADD `revision` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `surveys` ADD `closed_at` integer;--> statement-breakpoint
ALTER TABLE `surveys` ADD `archived_at` integer;
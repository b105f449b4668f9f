-- Written for drizzle-kit's custom migration (generate --custom). 0008 added customers, suppressions, full rules,
-- contact rules and quiet hours, reminders as outbox rows, delivery states, rule decisions and webhook events;
-- this links what was stored before it: one customer per organisation and normalised address, named by the
-- interactions and invitations that were sent to it. The index on interactions.customer_id is built after the
-- links are written.
INSERT INTO `customers` (`id`, `org_id`, `email`, `name`, `created_at`, `updated_at`)
SELECT lower(hex(randomblob(16))), `org_id`, lower(trim(`customer_email`)), max(`customer_name`), min(`created_at`), max(`created_at`)
FROM `interactions` GROUP BY `org_id`, lower(trim(`customer_email`));--> statement-breakpoint
UPDATE `interactions` SET `customer_id` = (SELECT c.`id` FROM `customers` c WHERE c.`org_id` = `interactions`.`org_id` AND c.`email` = lower(trim(`interactions`.`customer_email`)));--> statement-breakpoint
UPDATE `invitations` SET `customer_id` = (SELECT i.`customer_id` FROM `interactions` i WHERE i.`id` = `invitations`.`interaction_id`);--> statement-breakpoint
CREATE INDEX `interactions_customer_idx` ON `interactions` (`customer_id`);

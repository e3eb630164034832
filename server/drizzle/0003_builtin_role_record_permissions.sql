-- Built-in roles of workspaces created before the customers capability get its permissions.
UPDATE roles SET permissions = ARRAY(SELECT DISTINCT unnest(permissions || ARRAY['records.read','records.write','records.delete','records.import','records.export','records.handover','custom_fields.manage']))
WHERE built_in AND key = 'admin';
--> statement-breakpoint
UPDATE roles SET permissions = ARRAY(SELECT DISTINCT unnest(permissions || ARRAY['records.read','records.write','records.delete','records.import','records.export','records.handover']))
WHERE built_in AND key = 'manager';
--> statement-breakpoint
UPDATE roles SET permissions = ARRAY(SELECT DISTINCT unnest(permissions || ARRAY['records.read','records.write','records.export']))
WHERE built_in AND key = 'member';

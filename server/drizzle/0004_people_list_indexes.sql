CREATE INDEX "people_last_name_sort_idx" ON "people" USING btree ("workspace_id",(translate(lower(translate(nullif(btrim("last_name"), ''), 'يىئېۍكڪةۀەھہأإٱؤ  	۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩‌‍​‎‏­﻿ـًٌٍَُِّْٰٕٖٜٟٓٔٗ٘ٙٚٛٝٞ', 'یییییککهههههاااو   01234567890123456789')), 'ءآابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیabcdefghijklmnopqrstuvwxyz', '') COLLATE "C"),"id");
--> statement-breakpoint
-- Statistics on the Persian-folded text the filters compare (kernel/filters: translate(column, FOLD_FROM, FOLD_TO)),
-- so the planner knows how many people a text filter keeps, e.g. source = «نمایشگاه» (15 %, not the 0.5 % it
-- assumes for an expression it has no statistics on) and walks people_last_name_sort_idx for a filtered,
-- sorted page instead of scanning and sorting everyone. The expressions must stay identical to foldedText()
-- (persian-fold.ts): if the fold table changes, recreate these in a new migration.
CREATE STATISTICS IF NOT EXISTS "people_first_name_folded_stats" ON (translate("first_name", 'يىئېۍكڪةۀەھہأإٱؤ  	۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩‌‍​‎‏­﻿ـًٌٍَُِّْٰٕٖٜٟٓٔٗ٘ٙٚٛٝٞ', 'یییییککهههههاااو   01234567890123456789')) FROM "people";--> statement-breakpoint
CREATE STATISTICS IF NOT EXISTS "people_last_name_folded_stats" ON (translate("last_name", 'يىئېۍكڪةۀەھہأإٱؤ  	۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩‌‍​‎‏­﻿ـًٌٍَُِّْٰٕٖٜٟٓٔٗ٘ٙٚٛٝٞ', 'یییییککهههههاااو   01234567890123456789')) FROM "people";--> statement-breakpoint
CREATE STATISTICS IF NOT EXISTS "people_first_name_latin_folded_stats" ON (translate("first_name_latin", 'يىئېۍكڪةۀەھہأإٱؤ  	۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩‌‍​‎‏­﻿ـًٌٍَُِّْٰٕٖٜٟٓٔٗ٘ٙٚٛٝٞ', 'یییییککهههههاااو   01234567890123456789')) FROM "people";--> statement-breakpoint
CREATE STATISTICS IF NOT EXISTS "people_last_name_latin_folded_stats" ON (translate("last_name_latin", 'يىئېۍكڪةۀەھہأإٱؤ  	۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩‌‍​‎‏­﻿ـًٌٍَُِّْٰٕٖٜٟٓٔٗ٘ٙٚٛٝٞ', 'یییییککهههههاااو   01234567890123456789')) FROM "people";--> statement-breakpoint
CREATE STATISTICS IF NOT EXISTS "people_job_title_folded_stats" ON (translate("job_title", 'يىئېۍكڪةۀەھہأإٱؤ  	۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩‌‍​‎‏­﻿ـًٌٍَُِّْٰٕٖٜٟٓٔٗ٘ٙٚٛٝٞ', 'یییییککهههههاااو   01234567890123456789')) FROM "people";--> statement-breakpoint
CREATE STATISTICS IF NOT EXISTS "people_source_folded_stats" ON (translate("source", 'يىئېۍكڪةۀەھہأإٱؤ  	۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩‌‍​‎‏­﻿ـًٌٍَُِّْٰٕٖٜٟٓٔٗ٘ٙٚٛٝٞ', 'یییییککهههههاااو   01234567890123456789')) FROM "people";--> statement-breakpoint
-- Fills them now: PGlite runs no autovacuum, and PostgreSQL would wait until a tenth of the table changed.
ANALYZE "people";

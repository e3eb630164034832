import { defineErrors } from '../../kernel/errors/index.ts';

export const importErrors = defineErrors({
  import_not_found: { status: 404, fa: 'این درون‌ریزی پیدا نشد.', en: 'No such import.' },
  unknown_entity: {
    status: 400,
    fa: 'نوع رکورد «{entityType}» را نمی‌توان درون‌ریزی یا برون‌بری کرد.',
    en: 'Records of type "{entityType}" cannot be imported or exported.',
  },
  file_too_large: {
    status: 413,
    fa: 'حجم فایل بیش از {limit} مگابایت است. آن را به چند فایل کوچک‌تر تقسیم کنید.',
    en: 'The file is larger than {limit} MB. Split it into smaller files.',
  },
  empty_file: { status: 400, fa: 'فایل خالی است.', en: 'The file is empty.' },
  not_utf8: {
    status: 400,
    fa: 'فایل با UTF-8 ذخیره نشده است (احتمالاً با کدگذاری ویندوز فارسی). در Excel از «Save As» گزینهٔ «CSV UTF-8 (Comma delimited)» را انتخاب کنید و دوباره بفرستید.',
    en: 'The file is not UTF-8 (probably a Windows code page). In Excel use "Save As" → "CSV UTF-8 (Comma delimited)" and upload it again.',
  },
  utf16_file: {
    status: 400,
    fa: 'فایل با UTF-16 («Unicode Text») ذخیره شده است. در Excel از «Save As» گزینهٔ «CSV UTF-8 (Comma delimited)» را انتخاب کنید.',
    en: 'The file is UTF-16 ("Unicode Text"). In Excel use "Save As" → "CSV UTF-8 (Comma delimited)".',
  },
  invalid_csv: {
    status: 400,
    fa: 'فایل CSV در حدود سطر {line} خوانا نیست: {reason}',
    en: 'The CSV file cannot be read near line {line}: {reason}',
  },
  no_header: { status: 400, fa: 'سطر اول فایل باید نام ستون‌ها باشد.', en: 'The first row of the file must hold the column names.' },
  unsupported_media_type: {
    status: 415,
    fa: 'فایل را با Content-Type برابر text/csv (یا application/octet-stream) بفرستید، یا در فرمی multipart/form-data در فیلد file.',
    en: 'Send the file with Content-Type text/csv (or application/octet-stream), or in a multipart/form-data form as the field "file".',
  },
  upload_field_missing: {
    status: 400,
    fa: 'فرم ارسالی فایلی در فیلد file ندارد.',
    en: 'The form has no file in the field "file".',
  },
  invalid_mapping: { status: 400, fa: 'نگاشت ستون‌ها معتبر نیست.', en: 'The column mapping is not valid.' },
  required_fields_unmapped: {
    status: 400,
    fa: 'این فیلدهای الزامی به هیچ ستونی نگاشت نشده‌اند: {fields}',
    en: 'These required fields are not mapped to any column: {fields}',
  },
  import_not_editable: {
    status: 409,
    fa: 'این درون‌ریزی دیگر قابل تغییر نیست (وضعیت: {status}).',
    en: 'This import can no longer be changed (status: {status}).',
  },
  import_not_startable: {
    status: 409,
    fa: 'این درون‌ریزی را در وضعیت «{status}» نمی‌توان آغاز کرد.',
    en: 'This import cannot be started while it is "{status}".',
  },
  import_not_cancellable: {
    status: 409,
    fa: 'این درون‌ریزی در وضعیت «{status}» است و لغو نمی‌شود.',
    en: 'This import is "{status}" and cannot be cancelled.',
  },
  upload_missing: {
    status: 409,
    fa: 'فایل این درون‌ریزی دیگر روی سرور نیست؛ آن را دوباره بارگذاری کنید.',
    en: 'The file of this import is no longer on the server; upload it again.',
  },
  invalid_vcard: { status: 400, fa: 'فایل vCard خوانا نیست: {reason}', en: 'The vCard file cannot be read: {reason}' },
  export_filter_unavailable: {
    status: 400,
    fa: 'فیلتر کردن برون‌بری هنوز برای این نوع رکورد در دسترس نیست.',
    en: 'Filtering exports is not available for this record type yet.',
  },
  unknown_column: { status: 400, fa: 'ستون «{column}» وجود ندارد.', en: 'There is no column "{column}".' },
});

import { defineErrors, type FieldError } from '../../kernel/errors/index.ts';

export const pipelineErrors = defineErrors({
  pipeline_not_found: { status: 404, fa: 'این پایپ‌لاین در فضای کاری پیدا نشد.', en: 'No such pipeline in this workspace.' },
  stage_not_found: { status: 404, fa: 'این مرحله در این پایپ‌لاین پیدا نشد.', en: 'No such stage in this pipeline.' },
  lost_reason_not_found: { status: 404, fa: 'این دلیل شکست در فضای کاری پیدا نشد.', en: 'No such lost reason in this workspace.' },
  lost_reason_exists: { status: 409, fa: 'دلیل شکستی با همین نام انگلیسی وجود دارد.', en: 'A lost reason with this English label already exists.' },
  pipeline_needs_stage_kinds: {
    status: 422,
    fa: 'هر پایپ‌لاین دست‌کم یک مرحله‌ی باز، یک مرحله‌ی موفق و یک مرحله‌ی ناموفق لازم دارد.',
    en: 'A pipeline needs at least one open, one won and one lost stage.',
  },
  stage_kind_in_use: {
    status: 409,
    fa: 'نوع مرحله‌ای که معامله دارد قابل تغییر نیست؛ ابتدا معامله‌ها را جابه‌جا کنید.',
    en: 'The kind of a stage that holds deals cannot change; move its deals first.',
  },
  stage_move_target_required: {
    status: 422,
    fa: 'این مرحله معامله‌ی باز دارد؛ مرحله‌ای را برای انتقال آن‌ها انتخاب کنید (moveTo).',
    en: 'This stage has open deals; choose the stage to move them to (moveTo).',
  },
  last_pipeline: { status: 409, fa: 'فضای کاری دست‌کم یک پایپ‌لاین فعال لازم دارد.', en: 'A workspace needs at least one active pipeline.' },
});

export const pipelineFieldMessages = {
  probability_range: { fa: 'احتمال باید عددی صحیح بین ۰ تا ۱۰۰ باشد.', en: 'The probability must be a whole number from 0 to 100.' },
  won_probability: { fa: 'احتمال مرحله‌ی موفق همیشه ۱۰۰ است.', en: 'A won stage always has probability 100.' },
  lost_probability: { fa: 'احتمال مرحله‌ی ناموفق همیشه ۰ است.', en: 'A lost stage always has probability 0.' },
  stage_order_mismatch: {
    fa: 'فهرست باید دقیقاً همه‌ی مرحله‌های فعال این پایپ‌لاین را یک بار داشته باشد.',
    en: 'The list must name every active stage of this pipeline exactly once.',
  },
  move_target_invalid: {
    fa: 'مرحله‌ی مقصد باید مرحله‌ی فعال دیگری از همین پایپ‌لاین باشد.',
    en: 'The target must be another active stage of the same pipeline.',
  },
  stages_need_kinds: {
    fa: 'دست‌کم یک مرحله‌ی باز، یک مرحله‌ی موفق و یک مرحله‌ی ناموفق لازم است.',
    en: 'Give at least one open, one won and one lost stage.',
  },
} satisfies Record<string, FieldError['message']>;

export const pipelineFieldError = (path: string, code: keyof typeof pipelineFieldMessages): FieldError => ({ path, code, message: pipelineFieldMessages[code] });

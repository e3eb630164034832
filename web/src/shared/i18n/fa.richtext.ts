/** Persian strings of the shared rich-text editor (notes, meeting minutes, email bodies and templates). */
export const richTextFa = {
  richText: {
    toolbar: 'قالب‌بندی متن',
    bold: 'پررنگ',
    italic: 'مورب',
    bullets: 'فهرست نقطه‌ای',
    numbers: 'فهرست شماره‌دار',
    link: 'پیوند',
    unlink: 'برداشتن پیوند',
    linkUrl: 'نشانی پیوند',
    linkHint: 'نشانی وب (https://…)، ایمیل یا شمارهٔ تلفن',
    linkInvalid: 'فقط نشانی وب، ایمیل (mailto:) یا تلفن (tel:) پذیرفته می‌شود.',
    linkAdd: 'افزودن',
  },
};

export type RichTextTranslation = typeof richTextFa;

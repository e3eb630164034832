import type { RichTextTranslation } from './fa.richtext.ts';

/** English strings of the shared rich-text editor; the compiler checks they cover every Persian key. */
export const richTextEn: RichTextTranslation = {
  richText: {
    toolbar: 'Text formatting',
    bold: 'Bold',
    italic: 'Italic',
    bullets: 'Bulleted list',
    numbers: 'Numbered list',
    link: 'Link',
    unlink: 'Remove link',
    linkUrl: 'Link address',
    linkHint: 'A web address (https://…), an email or a phone number',
    linkInvalid: 'Only web (http/https), email (mailto:) and phone (tel:) links are allowed.',
    linkAdd: 'Add',
  },
};

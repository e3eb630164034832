import { useEffect, useRef } from 'react';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import FormatBoldIcon from '@mui/icons-material/FormatBold';
import FormatItalicIcon from '@mui/icons-material/FormatItalic';
import FormatListBulletedIcon from '@mui/icons-material/FormatListBulleted';
import FormatListNumberedIcon from '@mui/icons-material/FormatListNumbered';
import LinkIcon from '@mui/icons-material/Link';
import { useT } from '../../shared/i18n/index.ts';

type Props = {
  label: string;
  /** Initial HTML; the editor owns the content after mounting. */
  initialHtml?: string;
  onChange: (html: string, text: string) => void;
  testId: string;
  error?: string | null;
  minHeight?: number;
};

/**
 * A small rich-text box for notes and meeting minutes: bold, italic, lists, links. What it
 * produces is only a draft: the server sanitises the HTML before storing it, so nothing typed or
 * pasted here is trusted anywhere.
 */
export function RichTextEditor({ label, initialHtml = '', onChange, testId, error, minHeight = 120 }: Props) {
  const { t } = useT();
  const box = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    // Set once: re-rendering innerHTML on every keystroke would move the caret.
    if (box.current) box.current.innerHTML = initialHtml;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const report = () => {
    const node = box.current;
    if (node) onChange(node.innerHTML, node.innerText.trim());
  };

  const run = (command: string, value?: string) => {
    box.current?.focus();
    // execCommand is deprecated but still the only editing primitive every browser ships; enough for a toolbar of five.
    document.execCommand(command, false, value);
    report();
  };

  const addLink = () => {
    const url = window.prompt(t('activities.editor.linkPrompt'), 'https://');
    if (url && /^(https?:|mailto:|tel:)/i.test(url.trim())) run('createLink', url.trim());
  };

  const tools = [
    { label: t('activities.editor.bold'), icon: <FormatBoldIcon fontSize="small" />, onClick: () => run('bold') },
    { label: t('activities.editor.italic'), icon: <FormatItalicIcon fontSize="small" />, onClick: () => run('italic') },
    { label: t('activities.editor.bulleted'), icon: <FormatListBulletedIcon fontSize="small" />, onClick: () => run('insertUnorderedList') },
    { label: t('activities.editor.numbered'), icon: <FormatListNumberedIcon fontSize="small" />, onClick: () => run('insertOrderedList') },
    { label: t('activities.editor.link'), icon: <LinkIcon fontSize="small" />, onClick: addLink },
  ];

  return (
    <Box>
      <Typography variant="caption" color={error ? 'error' : 'text.secondary'} component="div" sx={{ mb: 0.5 }}>
        {label}
      </Typography>
      <Box sx={{ border: 1, borderColor: error ? 'error.main' : 'divider', borderRadius: 1, '&:focus-within': { borderColor: 'primary.main' } }}>
        <Box role="toolbar" aria-label={t('activities.editor.toolbar')} sx={{ display: 'flex', gap: 0.25, px: 0.5, py: 0.25, borderBottom: 1, borderColor: 'divider' }}>
          {tools.map((tool) => (
            <Tooltip key={tool.label} title={tool.label}>
              {/* mousedown kept from taking the focus (and the selection) out of the text */}
              <IconButton size="small" aria-label={tool.label} onMouseDown={(e) => e.preventDefault()} onClick={tool.onClick}>
                {tool.icon}
              </IconButton>
            </Tooltip>
          ))}
        </Box>
        <Box
          ref={box}
          contentEditable
          suppressContentEditableWarning
          role="textbox"
          aria-multiline="true"
          aria-label={label}
          data-testid={testId}
          onInput={report}
          onBlur={report}
          sx={{ minHeight, p: 1.5, outline: 'none', typography: 'body2', overflowWrap: 'anywhere', '& ul, & ol': { my: 0.5, ps: 3 }, '& p': { my: 0.5 } }}
        />
      </Box>
      {error && (
        <Typography variant="caption" color="error" sx={{ mx: 1.75 }}>
          {error}
        </Typography>
      )}
    </Box>
  );
}

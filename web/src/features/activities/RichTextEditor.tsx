import { useEffect, useRef, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Popover from '@mui/material/Popover';
import TextField from '@mui/material/TextField';
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
  const toolbar = useRef<HTMLDivElement | null>(null);
  // The selection a link is made of, kept while the address is typed in the popover.
  const savedRange = useRef<Range | null>(null);
  const [linking, setLinking] = useState(false);
  const [url, setUrl] = useState('https://');

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

  const startLink = () => {
    const selection = window.getSelection();
    savedRange.current = selection && selection.rangeCount && box.current?.contains(selection.anchorNode) ? selection.getRangeAt(0).cloneRange() : null;
    setUrl('https://');
    setLinking(true);
  };

  const addLink = () => {
    setLinking(false);
    const address = url.trim();
    if (!/^(https?:\/\/.+|mailto:.+|tel:.+)$/i.test(address)) return;
    box.current?.focus();
    const selection = window.getSelection();
    if (savedRange.current && selection) {
      selection.removeAllRanges();
      selection.addRange(savedRange.current);
    }
    // With nothing selected the address itself becomes the link's text.
    if (!selection || selection.isCollapsed) {
      document.execCommand('insertText', false, address);
      selectLast(address);
    }
    run('createLink', address);
  };

  /** Selects the text just typed before the caret, so that it can become the link. */
  const selectLast = (text: string) => {
    const selection = window.getSelection();
    const node = selection?.focusNode;
    if (!selection || !node || node.nodeType !== Node.TEXT_NODE) return;
    const end = selection.focusOffset;
    const range = document.createRange();
    range.setStart(node, Math.max(0, end - text.length));
    range.setEnd(node, end);
    selection.removeAllRanges();
    selection.addRange(range);
  };

  const tools = [
    { label: t('activities.editor.bold'), icon: <FormatBoldIcon fontSize="small" />, onClick: () => run('bold') },
    { label: t('activities.editor.italic'), icon: <FormatItalicIcon fontSize="small" />, onClick: () => run('italic') },
    { label: t('activities.editor.bulleted'), icon: <FormatListBulletedIcon fontSize="small" />, onClick: () => run('insertUnorderedList') },
    { label: t('activities.editor.numbered'), icon: <FormatListNumberedIcon fontSize="small" />, onClick: () => run('insertOrderedList') },
    { label: t('activities.editor.link'), icon: <LinkIcon fontSize="small" />, onClick: startLink },
  ];

  return (
    <Box>
      <Typography variant="caption" color={error ? 'error' : 'text.secondary'} component="div" sx={{ mb: 0.5 }}>
        {label}
      </Typography>
      <Box sx={{ border: 1, borderColor: error ? 'error.main' : 'divider', borderRadius: 1, '&:focus-within': { borderColor: 'primary.main' } }}>
        <Box ref={toolbar} role="toolbar" aria-label={t('activities.editor.toolbar')} sx={{ display: 'flex', gap: 0.25, px: 0.5, py: 0.25, borderBottom: 1, borderColor: 'divider' }}>
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
      <Popover open={linking} anchorEl={toolbar.current} onClose={() => setLinking(false)} anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}>
        <Box
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            e.stopPropagation();
            addLink();
          }}
          sx={{ display: 'flex', gap: 1, p: 1.5, alignItems: 'center' }}
        >
          <TextField
            autoFocus
            size="small"
            label={t('activities.editor.linkPrompt')}
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'url', 'data-testid': `${testId}-link-url` } }}
          />
          <Button type="submit" variant="contained" size="small" data-testid={`${testId}-link-add`}>
            {t('activities.editor.link')}
          </Button>
        </Box>
      </Popover>
      {error && (
        <Typography variant="caption" color="error" sx={{ mx: 1.75 }}>
          {error}
        </Typography>
      )}
    </Box>
  );
}

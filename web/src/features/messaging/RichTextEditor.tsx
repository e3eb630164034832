import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import IconButton from '@mui/material/IconButton';
import Popover from '@mui/material/Popover';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import FormatBoldIcon from '@mui/icons-material/FormatBold';
import FormatItalicIcon from '@mui/icons-material/FormatItalic';
import FormatListBulletedIcon from '@mui/icons-material/FormatListBulleted';
import FormatListNumberedIcon from '@mui/icons-material/FormatListNumbered';
import InsertLinkIcon from '@mui/icons-material/InsertLink';
import LinkOffIcon from '@mui/icons-material/LinkOff';
import { useT } from '../../shared/i18n/index.ts';

export type RichTextEditorHandle = {
  /** Types text where the caret was last (or at the end), as if the user typed it. */
  insertText: (text: string) => void;
  focus: () => void;
};

type Props = {
  label: string;
  /** Initial HTML; later changes from outside replace the content only when `resetKey` changes. */
  value: string;
  resetKey?: string | number;
  onChange: (html: string) => void;
  onFocus?: () => void;
  error?: boolean;
  helperText?: string;
  testId?: string;
  minHeight?: number;
};

/** Links only to the web and mail (the server's sanitiser drops anything else anyway). */
export function safeHref(raw: string): string | null {
  const value = raw.trim();
  if (!value) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : value.includes('@') && !value.includes('/') ? `mailto:${value}` : `https://${value}`;
  return /^(https?:|mailto:)/i.test(withScheme) ? withScheme : null;
}

/**
 * A small rich-text editor for email bodies: bold, italic, lists and links on a contentEditable
 * area. What it produces is HTML the server sanitises again before storing or sending.
 */
export const RichTextEditor = forwardRef<RichTextEditorHandle, Props>(function RichTextEditor(
  { label, value, resetKey, onChange, onFocus, error, helperText, testId = 'rich-text', minHeight = 180 },
  ref,
) {
  const { t } = useT();
  const area = useRef<HTMLDivElement | null>(null);
  const savedRange = useRef<Range | null>(null);
  const [linkAnchor, setLinkAnchor] = useState<HTMLElement | null>(null);
  const [linkUrl, setLinkUrl] = useState('');
  const [focused, setFocused] = useState(false);

  // The content is the DOM's own while editing; it is written from `value` only on mount and on reset.
  useEffect(() => {
    if (area.current) area.current.innerHTML = value;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resetKey]);

  const rememberSelection = () => {
    const selection = window.getSelection();
    if (selection && selection.rangeCount > 0 && area.current?.contains(selection.anchorNode)) savedRange.current = selection.getRangeAt(0).cloneRange();
  };

  const restoreSelection = () => {
    const node = area.current;
    if (!node) return;
    node.focus();
    const selection = window.getSelection();
    if (!selection) return;
    selection.removeAllRanges();
    if (savedRange.current && node.contains(savedRange.current.startContainer)) {
      selection.addRange(savedRange.current);
    } else {
      const end = document.createRange();
      end.selectNodeContents(node);
      end.collapse(false);
      selection.addRange(end);
    }
  };

  const emit = () => onChange(area.current?.innerHTML ?? '');

  const command = (name: string, argument?: string) => {
    restoreSelection();
    document.execCommand(name, false, argument);
    rememberSelection();
    emit();
  };

  useImperativeHandle(ref, () => ({
    insertText: (text) => command('insertText', text),
    focus: () => restoreSelection(),
  }));

  const applyLink = () => {
    const href = safeHref(linkUrl);
    setLinkAnchor(null);
    if (!href) return;
    const selection = savedRange.current;
    if (!selection || selection.collapsed) command('insertHTML', `<a href="${href.replace(/"/g, '&quot;')}">${escapeText(linkUrl.trim())}</a>`);
    else command('createLink', href);
  };

  const tool = (title: string, icon: React.ReactNode, onClick: (e: React.MouseEvent<HTMLElement>) => void, id: string) => (
    <Tooltip title={title}>
      <IconButton
        size="small"
        aria-label={title}
        data-testid={`${testId}-${id}`}
        // Keep the selection in the editor: a mousedown on the button would move focus away first.
        onMouseDown={(e) => e.preventDefault()}
        onClick={onClick}
      >
        {icon}
      </IconButton>
    </Tooltip>
  );

  return (
    <Box>
      <Typography variant="caption" color={error ? 'error' : focused ? 'primary' : 'text.secondary'} component="label" sx={{ display: 'block', mb: 0.5 }} id={`${testId}-label`}>
        {label}
      </Typography>
      <Box sx={{ border: 1, borderColor: error ? 'error.main' : focused ? 'primary.main' : 'divider', borderRadius: 1, overflow: 'hidden' }}>
        <Stack direction="row" spacing={0.25} sx={{ px: 0.5, py: 0.25, bgcolor: 'action.hover', alignItems: 'center' }} role="toolbar" aria-label={t('messaging.editor.toolbar')}>
          {tool(t('messaging.editor.bold'), <FormatBoldIcon fontSize="small" />, () => command('bold'), 'bold')}
          {tool(t('messaging.editor.italic'), <FormatItalicIcon fontSize="small" />, () => command('italic'), 'italic')}
          <Divider orientation="vertical" flexItem sx={{ mx: 0.5 }} />
          {tool(t('messaging.editor.bullets'), <FormatListBulletedIcon fontSize="small" />, () => command('insertUnorderedList'), 'bullets')}
          {tool(t('messaging.editor.numbers'), <FormatListNumberedIcon fontSize="small" />, () => command('insertOrderedList'), 'numbers')}
          <Divider orientation="vertical" flexItem sx={{ mx: 0.5 }} />
          {tool(
            t('messaging.editor.link'),
            <InsertLinkIcon fontSize="small" />,
            (e) => {
              rememberSelection();
              setLinkUrl('');
              setLinkAnchor(e.currentTarget);
            },
            'link',
          )}
          {tool(t('messaging.editor.unlink'), <LinkOffIcon fontSize="small" />, () => command('unlink'), 'unlink')}
        </Stack>
        <Box
          ref={area}
          contentEditable
          suppressContentEditableWarning
          role="textbox"
          aria-multiline="true"
          aria-labelledby={`${testId}-label`}
          data-testid={testId}
          onInput={emit}
          onBlur={() => {
            rememberSelection();
            setFocused(false);
          }}
          onFocus={() => {
            setFocused(true);
            onFocus?.();
          }}
          onKeyUp={rememberSelection}
          onMouseUp={rememberSelection}
          sx={{
            minHeight,
            maxHeight: 420,
            overflowY: 'auto',
            p: 1.5,
            outline: 'none',
            fontSize: 14,
            lineHeight: 1.8,
            '& p': { my: 0.5 },
            '& ul, & ol': { my: 0.5, paddingInlineStart: 3 },
            '& a': { color: 'primary.main' },
          }}
        />
      </Box>
      {helperText && (
        <Typography variant="caption" color={error ? 'error' : 'text.secondary'} sx={{ display: 'block', mt: 0.5, mx: 1.75 }}>
          {helperText}
        </Typography>
      )}
      <Popover open={linkAnchor !== null} anchorEl={linkAnchor} onClose={() => setLinkAnchor(null)} anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}>
        <Box
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            applyLink();
          }}
          sx={{ p: 1.5, display: 'flex', gap: 1, alignItems: 'center' }}
        >
          <TextField
            size="small"
            autoFocus
            label={t('messaging.editor.linkUrl')}
            value={linkUrl}
            onChange={(e) => setLinkUrl(e.target.value)}
            error={Boolean(linkUrl.trim()) && !safeHref(linkUrl)}
            slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': `${testId}-link-url` } }}
          />
          <Button type="submit" variant="contained" size="small" data-testid={`${testId}-link-apply`}>
            {t('messaging.editor.linkApply')}
          </Button>
        </Box>
      </Popover>
    </Box>
  );
});

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

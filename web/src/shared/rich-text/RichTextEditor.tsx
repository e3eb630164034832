import { useEffect, useId, useImperativeHandle, useRef, useState, type MouseEvent, type ReactNode, type Ref } from 'react';
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
import { useT } from '../i18n/index.ts';
import { safeHref } from './safe-href.ts';

export type RichTextEditorHandle = {
  /** Types text where the caret was last (or at the end), as if the user typed it: placeholders from a palette. */
  insertText: (text: string) => void;
  focus: () => void;
};

export type RichTextEditorProps = {
  label: string;
  /** The starting HTML. Later changes are written into the editor only when `resetKey` changes. */
  value?: string;
  resetKey?: string | number;
  /** The current HTML and its plain text (trimmed), after every edit. */
  onChange: (html: string, text: string) => void;
  onFocus?: () => void;
  error?: boolean;
  /** Shown under the box; in the error colour when `error` is set. */
  helperText?: string | null;
  /** The editable area's test id; the toolbar and the link popover derive theirs from it (`<testId>-bold`, `<testId>-link-url`, …). */
  testId?: string;
  minHeight?: number;
  ref?: Ref<RichTextEditorHandle>;
};

type Tool = { id: string; label: string; icon: ReactNode; onClick: (e: MouseEvent<HTMLElement>) => void };

/**
 * The one rich-text box of the app (notes, meeting minutes, email bodies, email templates): bold,
 * italic, lists and links on a contentEditable area. What it produces is only a draft: the server
 * sanitises the HTML before storing or sending it, so nothing typed or pasted here is trusted.
 */
export function RichTextEditor({ label, value = '', resetKey, onChange, onFocus, error = false, helperText, testId = 'rich-text', minHeight = 160, ref }: RichTextEditorProps) {
  const { t } = useT();
  const labelId = useId();
  const area = useRef<HTMLDivElement | null>(null);
  // The caret or selection last seen inside the area: toolbar buttons, the palette and the link popover act on it.
  const savedRange = useRef<Range | null>(null);
  const [linkAnchor, setLinkAnchor] = useState<HTMLElement | null>(null);
  const [linkUrl, setLinkUrl] = useState('');
  const [focused, setFocused] = useState(false);

  // The content is the DOM's own while editing (re-rendering innerHTML per keystroke would move
  // the caret); it is written from `value` only on mount and when `resetKey` changes.
  useEffect(() => {
    if (area.current) area.current.innerHTML = value;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resetKey]);

  const emit = () => {
    const node = area.current;
    if (node) onChange(node.innerHTML, node.innerText.trim());
  };

  const rememberSelection = () => {
    const selection = window.getSelection();
    if (selection && selection.rangeCount > 0 && area.current?.contains(selection.anchorNode)) savedRange.current = selection.getRangeAt(0).cloneRange();
  };

  // Follows the caret while the area has the focus, however it moved (keys, mouse, text typed by
  // an input method). Not on blur: by then the browser may have moved the selection elsewhere.
  useEffect(() => {
    const follow = () => {
      if (document.activeElement === area.current) rememberSelection();
    };
    document.addEventListener('selectionchange', follow);
    return () => document.removeEventListener('selectionchange', follow);
  }, []);

  /** Focuses the area with the remembered selection back in place, or the caret at the end. */
  const restoreSelection = () => {
    const node = area.current;
    // Taken before focus(): focusing puts the caret at the start, and an open popover's focus trap
    // may pull the focus back, so the saved range must not be read after either.
    const saved = savedRange.current;
    if (!node) return;
    node.focus();
    const selection = window.getSelection();
    if (!selection) return;
    selection.removeAllRanges();
    if (saved && node.contains(saved.startContainer)) {
      selection.addRange(saved);
    } else {
      const end = document.createRange();
      end.selectNodeContents(node);
      end.collapse(false);
      selection.addRange(end);
    }
  };

  const command = (name: string, argument?: string) => {
    restoreSelection();
    // execCommand is deprecated but still the only editing primitive every browser ships, with undo; enough for this toolbar.
    document.execCommand(name, false, argument);
    rememberSelection();
    emit();
  };

  useImperativeHandle(ref, () => ({
    insertText: (text) => command('insertText', text),
    focus: () => restoreSelection(),
  }));

  const linkHref = safeHref(linkUrl);

  const addLink = () => {
    if (!linkHref) return;
    setLinkAnchor(null);
    restoreSelection();
    const selection = window.getSelection();
    if (!selection) return;
    // With nothing selected, the address as typed becomes the link's text.
    if (selection.isCollapsed) {
      document.execCommand('insertText', false, linkUrl.trim());
      selectBeforeCaret(linkUrl.trim());
    }
    document.execCommand('createLink', false, linkHref);
    // Carry on typing after the link rather than over it.
    if (selection.rangeCount > 0) selection.collapseToEnd();
    rememberSelection();
    emit();
  };

  const tools: Array<Tool | 'divider'> = [
    { id: 'bold', label: t('richText.bold'), icon: <FormatBoldIcon fontSize="small" />, onClick: () => command('bold') },
    { id: 'italic', label: t('richText.italic'), icon: <FormatItalicIcon fontSize="small" />, onClick: () => command('italic') },
    'divider',
    { id: 'bullets', label: t('richText.bullets'), icon: <FormatListBulletedIcon fontSize="small" />, onClick: () => command('insertUnorderedList') },
    { id: 'numbers', label: t('richText.numbers'), icon: <FormatListNumberedIcon fontSize="small" />, onClick: () => command('insertOrderedList') },
    'divider',
    {
      id: 'link',
      label: t('richText.link'),
      icon: <InsertLinkIcon fontSize="small" />,
      onClick: (e) => {
        rememberSelection();
        setLinkUrl('');
        setLinkAnchor(e.currentTarget);
      },
    },
    { id: 'unlink', label: t('richText.unlink'), icon: <LinkOffIcon fontSize="small" />, onClick: () => command('unlink') },
  ];

  const typedBadLink = Boolean(linkUrl.trim()) && !linkHref;
  const tone = error ? 'error' : focused ? 'primary' : undefined;

  return (
    <Box>
      <Typography variant="caption" color={tone ?? 'text.secondary'} component="div" id={labelId} sx={{ mb: 0.5 }}>
        {label}
      </Typography>
      <Box sx={{ border: 1, borderColor: tone ? `${tone}.main` : 'divider', borderRadius: 1, overflow: 'hidden' }}>
        <Stack direction="row" role="toolbar" aria-label={t('richText.toolbar')} sx={{ px: 0.5, py: 0.25, gap: 0.25, bgcolor: 'action.hover', alignItems: 'center', flexWrap: 'wrap' }}>
          {tools.map((tool, index) =>
            tool === 'divider' ? (
              <Divider key={`divider-${index}`} orientation="vertical" flexItem sx={{ mx: 0.5 }} />
            ) : (
              <Tooltip key={tool.id} title={tool.label}>
                <IconButton
                  size="small"
                  aria-label={tool.label}
                  data-testid={`${testId}-${tool.id}`}
                  // A mousedown on the button would take the focus, and the selection, out of the text first.
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={tool.onClick}
                >
                  {tool.icon}
                </IconButton>
              </Tooltip>
            ),
          )}
        </Stack>
        <Box
          ref={area}
          contentEditable
          suppressContentEditableWarning
          role="textbox"
          aria-multiline="true"
          aria-labelledby={labelId}
          aria-invalid={error || undefined}
          data-testid={testId}
          onInput={emit}
          onBlur={() => {
            setFocused(false);
            emit();
          }}
          onFocus={() => {
            setFocused(true);
            onFocus?.();
          }}
          sx={{
            minHeight,
            maxHeight: 420,
            overflowY: 'auto',
            p: 1.5,
            outline: 'none',
            typography: 'body2',
            lineHeight: 1.8,
            overflowWrap: 'anywhere',
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
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            // The popover is portalled out of the DOM but not out of React's tree: without this the
            // submit would bubble to a surrounding form (the composer's) and save the draft.
            e.stopPropagation();
            addLink();
          }}
          sx={{ p: 1.5, display: 'flex', gap: 1, alignItems: 'flex-start' }}
        >
          <TextField
            size="small"
            autoFocus
            label={t('richText.linkUrl')}
            value={linkUrl}
            onChange={(e) => setLinkUrl(e.target.value)}
            error={typedBadLink}
            helperText={typedBadLink ? t('richText.linkInvalid') : t('richText.linkHint')}
            sx={{ minWidth: 260, maxWidth: 340 }}
            slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'url', 'data-testid': `${testId}-link-url` } }}
          />
          <Button type="submit" variant="contained" size="small" disabled={!linkHref} data-testid={`${testId}-link-add`} sx={{ mt: 0.5 }}>
            {t('richText.linkAdd')}
          </Button>
        </Box>
      </Popover>
    </Box>
  );
}

/** Selects the text just typed before the caret, so that it can become the link. */
function selectBeforeCaret(text: string) {
  const selection = window.getSelection();
  const node = selection?.focusNode;
  if (!selection || !node || node.nodeType !== Node.TEXT_NODE) return;
  const end = selection.focusOffset;
  const range = document.createRange();
  range.setStart(node, Math.max(0, end - text.length));
  range.setEnd(node, end);
  selection.removeAllRanges();
  selection.addRange(range);
}

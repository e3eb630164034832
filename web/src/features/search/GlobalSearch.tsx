import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import IconButton from '@mui/material/IconButton';
import InputBase from '@mui/material/InputBase';
import LinearProgress from '@mui/material/LinearProgress';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import ApartmentOutlinedIcon from '@mui/icons-material/ApartmentOutlined';
import PersonOutlineIcon from '@mui/icons-material/PersonOutlineOutlined';
import SearchIcon from '@mui/icons-material/Search';
import TrendingUpOutlinedIcon from '@mui/icons-material/TrendingUpOutlined';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { RESOURCE_OF, type EntityType } from '../../shared/records/records.types.ts';
import { useDebounced } from '../../shared/records/useDebounced.ts';
import { LtrText } from '../../shared/ui/index.ts';
import { SEARCH_TYPES, useGlobalSearch, type SearchResult } from './search.api.ts';

const TYPE_ICON: Record<EntityType, React.ReactNode> = {
  person: <PersonOutlineIcon fontSize="small" />,
  organization: <ApartmentOutlinedIcon fontSize="small" />,
  lead: <TrendingUpOutlinedIcon fontSize="small" />,
};

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** The app bar's search: Ctrl+K (⌘K) or «/» opens it; arrows move, Enter opens, Esc closes. */
export function GlobalSearch() {
  const { t } = useT();
  const theme = useTheme();
  const wide = useMediaQuery(theme.breakpoints.up('sm'));
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && (e.key === 'k' || e.key === 'K' || e.code === 'KeyK')) {
        e.preventDefault();
        setOpen(true);
      } else if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target)) {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      {wide ? (
        <ButtonBase
          onClick={() => setOpen(true)}
          data-testid="search-open"
          aria-label={t('search.open')}
          aria-keyshortcuts="Control+K /"
          sx={{
            display: 'flex',
            alignItems: 'center',
            gap: 1,
            px: 1.5,
            height: 38,
            width: { sm: 220, md: 300 },
            borderRadius: 2,
            border: 1,
            borderColor: 'divider',
            bgcolor: '#f6f8f9',
            color: 'text.secondary',
            justifyContent: 'flex-start',
            '&:hover': { bgcolor: '#eef2f3' },
          }}
        >
          <SearchIcon fontSize="small" />
          <Typography variant="body2" sx={{ flex: 1, textAlign: 'start' }}>
            {t('search.placeholderShort')}
          </Typography>
          <Box component="kbd" sx={{ fontFamily: 'inherit', fontSize: 11, border: 1, borderColor: 'divider', borderRadius: 1, px: 0.75, bgcolor: 'background.paper' }} dir="ltr">
            Ctrl K
          </Box>
        </ButtonBase>
      ) : (
        <IconButton onClick={() => setOpen(true)} aria-label={t('search.open')} data-testid="search-open">
          <SearchIcon />
        </IconButton>
      )}
      {open && <SearchDialog onClose={() => setOpen(false)} fullScreen={!wide} />}
    </>
  );
}

function SearchDialog({ onClose, fullScreen }: { onClose: () => void; fullScreen: boolean }) {
  const { t } = useT();
  const format = useFormat();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const q = useDebounced(text, 180);
  const search = useGlobalSearch(q);
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement | null>(null);

  // Grouped by type, in a fixed order; the flat order is what the arrow keys walk.
  const groups = useMemo(() => {
    const items = text.trim() ? (search.data ?? []) : [];
    return SEARCH_TYPES.map((type) => ({ type, items: items.filter((r) => r.type === type) })).filter((g) => g.items.length);
  }, [search.data, text]);
  const flat = useMemo(() => groups.flatMap((g) => g.items), [groups]);

  useEffect(() => setActive(0), [search.data]);
  useEffect(() => {
    listRef.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const go = (r: SearchResult | undefined) => {
    if (!r) return;
    onClose();
    void navigate(`/${RESOURCE_OF[r.type]}/${r.id}`);
  };

  const handleKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((i) => (flat.length ? (i + 1) % flat.length : 0));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => (flat.length ? (i - 1 + flat.length) % flat.length : 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      go(flat[active]);
    }
  };

  const typeLabel = (type: EntityType) => t(`search.types.${type}`);
  const matchedLabel = (r: SearchResult) => (r.matchedOn && r.matchedOn !== 'name' ? t(`search.matchedOn.${r.matchedOn}`) : null);
  let index = -1;

  return (
    <Dialog
      open
      onClose={onClose}
      fullScreen={fullScreen}
      maxWidth="sm"
      fullWidth
      data-testid="search-dialog"
      slotProps={{ paper: { sx: fullScreen ? undefined : { position: 'absolute', top: 56, m: 0, maxHeight: 'calc(100dvh - 112px)' } } }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 2, py: 1, borderBottom: 1, borderColor: 'divider' }}>
        <SearchIcon color="action" />
        <InputBase
          autoFocus
          fullWidth
          placeholder={t('search.placeholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={handleKey}
          inputProps={{
            'data-testid': 'search-input',
            role: 'combobox',
            'aria-expanded': flat.length > 0,
            'aria-controls': 'global-search-results',
            'aria-activedescendant': flat.length ? `search-result-${active}` : undefined,
            'aria-label': t('search.placeholder'),
          }}
          sx={{ fontSize: 16, py: 0.5 }}
        />
        <Box component="kbd" onClick={onClose} sx={{ cursor: 'pointer', fontFamily: 'inherit', fontSize: 11, border: 1, borderColor: 'divider', borderRadius: 1, px: 0.75 }} dir="ltr">
          Esc
        </Box>
      </Box>
      {search.isFetching && <LinearProgress sx={{ height: 2 }} />}
      <Box sx={{ overflowY: 'auto', minHeight: 80 }}>
        {!text.trim() ? (
          <Typography variant="body2" color="text.secondary" sx={{ p: 3, textAlign: 'center' }}>
            {t('search.hint')}
          </Typography>
        ) : search.isError ? (
          <Typography variant="body2" color="error" sx={{ p: 3, textAlign: 'center' }}>
            {search.error instanceof Error ? search.error.message : t('errors.unknown')}
          </Typography>
        ) : flat.length === 0 && !search.isFetching ? (
          <Typography variant="body2" color="text.secondary" sx={{ p: 3, textAlign: 'center' }} data-testid="search-empty">
            {t('search.noResults', { q: text.trim() })}
          </Typography>
        ) : (
          <List id="global-search-results" role="listbox" ref={listRef} dense disablePadding data-testid="search-results">
            {groups.map((g) => (
              <Box component="li" key={g.type} sx={{ listStyle: 'none' }}>
                <Box component="ul" sx={{ p: 0 }}>
                  <ListSubheader sx={{ lineHeight: 2.25, fontWeight: 700, bgcolor: 'background.paper' }}>
                    {typeLabel(g.type)} <Chip size="small" label={format.number(g.items.length)} sx={{ height: 18, fontSize: 11, marginInlineStart: 0.5 }} />
                  </ListSubheader>
                  {g.items.map((r) => {
                    index += 1;
                    const i = index;
                    const matched = matchedLabel(r);
                    return (
                      <ListItemButton
                        key={`${r.type}-${r.id}`}
                        id={`search-result-${i}`}
                        data-index={i}
                        role="option"
                        aria-selected={i === active}
                        selected={i === active}
                        onMouseMove={() => setActive(i)}
                        onClick={() => go(r)}
                        data-testid="search-result"
                        data-type={r.type}
                        sx={{ py: 1 }}
                      >
                        <ListItemIcon sx={{ minWidth: 36 }}>{TYPE_ICON[r.type]}</ListItemIcon>
                        <ListItemText
                          primary={r.title}
                          secondary={
                            r.subtitle || matched ? (
                              <>
                                {r.subtitle && /^[\x00-\x7F]+$/.test(r.subtitle) ? <LtrText>{r.subtitle}</LtrText> : r.subtitle}
                                {matched ? `${r.subtitle ? ' · ' : ''}${matched}` : ''}
                              </>
                            ) : undefined
                          }
                          slotProps={{ primary: { sx: { fontWeight: 600 } } }}
                        />
                      </ListItemButton>
                    );
                  })}
                </Box>
              </Box>
            ))}
          </List>
        )}
      </Box>
      <Box sx={{ display: { xs: 'none', sm: 'flex' }, gap: 2, px: 2, py: 1, borderTop: 1, borderColor: 'divider', color: 'text.secondary', fontSize: 12 }}>
        <span>{t('search.keysNavigate')}</span>
        <span>{t('search.keysOpen')}</span>
      </Box>
    </Dialog>
  );
}

import { Fragment, useState, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Collapse from '@mui/material/Collapse';
import Divider from '@mui/material/Divider';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import KeyboardArrowDownIcon from '@mui/icons-material/KeyboardArrowDown';
import KeyboardArrowUpIcon from '@mui/icons-material/KeyboardArrowUp';
import { useT } from '../i18n/index.ts';

export type Column<T> = {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  /** `end` aligns to the trailing edge in both directions. */
  align?: 'start' | 'end' | 'center';
  width?: number | string;
  nowrap?: boolean;
  /** Keeps e.g. a name column from being squeezed by the others. */
  minWidth?: number;
};

type Props<T> = {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  actions?: (row: T) => ReactNode;
  renderDetail?: (row: T) => ReactNode;
  testId?: string;
  rowTestId?: string;
  /** Narrow screens get stacked cards instead of a table. */
  cardsBelow?: 'sm' | 'md';
};

const toCellAlign = (align: Column<unknown>['align']) =>
  align === 'end' ? 'right' : align === 'center' ? 'center' : 'left'; // flipped by the RTL stylis plugin

/** A table on wide screens, a stacked list (label: value) on a phone; important columns go first. */
export function DataTable<T>({ rows, columns, rowKey, actions, renderDetail, testId, rowTestId, cardsBelow = 'sm' }: Props<T>) {
  const theme = useTheme();
  const narrow = useMediaQuery(theme.breakpoints.down(cardsBelow));
  const { t } = useT();
  const [expanded, setExpanded] = useState<Record<string, boolean>>({});
  const toggle = (key: string) => setExpanded((prev) => ({ ...prev, [key]: !prev[key] }));

  if (narrow) {
    const [first, ...rest] = columns;
    return (
      <Stack divider={<Divider flexItem />} data-testid={testId}>
        {rows.map((row) => {
          const key = rowKey(row);
          const open = Boolean(expanded[key]);
          return (
            <Box key={key} data-testid={rowTestId} sx={{ px: 2, py: 1.75 }}>
              {first && (
                <Box sx={{ typography: 'body2', fontWeight: 600, mb: rest.length ? 1 : 0, overflowWrap: 'anywhere' }}>{first.render(row)}</Box>
              )}
              <Box
                component="dl"
                sx={{ m: 0, display: 'grid', gridTemplateColumns: 'minmax(88px, auto) 1fr', columnGap: 1.5, rowGap: 0.75, alignItems: 'center' }}
              >
                {rest.map((col) => (
                  <Fragment key={col.key}>
                    <Typography component="dt" variant="caption" color="text.secondary">
                      {col.header}
                    </Typography>
                    <Box component="dd" sx={{ m: 0, minWidth: 0, overflowWrap: 'anywhere', typography: 'body2' }}>
                      {col.render(row)}
                    </Box>
                  </Fragment>
                ))}
              </Box>
              {(actions || renderDetail) && (
                <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 1, justifyContent: 'flex-end', alignItems: 'center' }}>
                  {renderDetail && (
                    <Button
                      size="small"
                      onClick={() => toggle(key)}
                      endIcon={open ? <KeyboardArrowUpIcon /> : <KeyboardArrowDownIcon />}
                      sx={{ marginInlineEnd: 'auto' }}
                      data-testid="row-expand"
                    >
                      {open ? t('audit.hideDetails') : t('audit.showDetails')}
                    </Button>
                  )}
                  {actions?.(row)}
                </Box>
              )}
              {renderDetail && (
                <Collapse in={open} unmountOnExit>
                  <Box sx={{ mt: 1.5 }}>{renderDetail(row)}</Box>
                </Collapse>
              )}
            </Box>
          );
        })}
      </Stack>
    );
  }

  const colSpan = columns.length + (actions ? 1 : 0) + (renderDetail ? 1 : 0);
  return (
    <TableContainer data-testid={testId} sx={{ overflowX: 'auto' }}>
      <Table size="medium" sx={{ minWidth: 560 }}>
        <TableHead>
          <TableRow>
            {renderDetail && <TableCell padding="checkbox" />}
            {columns.map((col) => (
              <TableCell key={col.key} align={toCellAlign(col.align)} sx={{ width: col.width, minWidth: col.minWidth, whiteSpace: 'nowrap' }}>
                {col.header}
              </TableCell>
            ))}
            {actions && (
              <TableCell align="right" sx={{ width: 1, whiteSpace: 'nowrap' }}>
                <Box component="span" sx={visuallyHidden}>
                  {t('common.actions')}
                </Box>
              </TableCell>
            )}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => {
            const key = rowKey(row);
            const open = Boolean(expanded[key]);
            return (
              <Fragment key={key}>
                <TableRow hover data-testid={rowTestId} sx={renderDetail && open ? { '& > td': { borderBottom: 'none' } } : undefined}>
                  {renderDetail && (
                    <TableCell padding="checkbox">
                      <IconButton
                        size="small"
                        aria-expanded={open}
                        aria-label={open ? t('audit.hideDetails') : t('audit.showDetails')}
                        onClick={() => toggle(key)}
                        data-testid="row-expand"
                      >
                        {open ? <KeyboardArrowUpIcon fontSize="small" /> : <KeyboardArrowDownIcon fontSize="small" />}
                      </IconButton>
                    </TableCell>
                  )}
                  {columns.map((col) => (
                    <TableCell key={col.key} align={toCellAlign(col.align)} sx={col.nowrap ? { whiteSpace: 'nowrap' } : undefined}>
                      {col.render(row)}
                    </TableCell>
                  ))}
                  {actions && (
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                      {actions(row)}
                    </TableCell>
                  )}
                </TableRow>
                {renderDetail && open && (
                  <TableRow>
                    <TableCell colSpan={colSpan} sx={{ bgcolor: 'action.hover', py: 2 }}>
                      {renderDetail(row)}
                    </TableCell>
                  </TableRow>
                )}
              </Fragment>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

const visuallyHidden = {
  border: 0,
  clip: 'rect(0 0 0 0)',
  height: '1px',
  margin: '-1px',
  overflow: 'hidden',
  padding: 0,
  position: 'absolute',
  whiteSpace: 'nowrap',
  width: '1px',
} as const;

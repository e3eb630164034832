import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useFormat, type Formatters } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { LtrText } from '../../shared/ui/index.ts';
import { ISO_TIMESTAMP, diffEntries } from './audit-diff.ts';

function Value({ value, format }: { value: unknown; format: Formatters }) {
  if (value === undefined || value === null || value === '') {
    return (
      <Typography component="span" color="text.disabled">
        —
      </Typography>
    );
  }
  if (typeof value === 'string' && ISO_TIMESTAMP.test(value)) return <Box component="span" sx={{ whiteSpace: 'nowrap' }}>{format.dateTime(value)}</Box>;
  if (typeof value === 'number') return <>{format.number(value)}</>;
  if (typeof value === 'boolean') return <LtrText mono>{String(value)}</LtrText>;
  if (typeof value === 'string') return <bdi>{value}</bdi>;
  return (
    <Box component="code" dir="ltr" sx={{ fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>
      {JSON.stringify(value, null, 1)}
    </Box>
  );
}

export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useT();
  const format = useFormat();
  const changes = diffEntries(before, after);
  if (changes.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {t('audit.noDiff')}
      </Typography>
    );
  }
  return (
    <Box sx={{ overflowX: 'auto' }} data-testid="audit-diff">
      <Table size="small" sx={{ '& td, & th': { verticalAlign: 'top', bgcolor: 'transparent' } }}>
        <TableHead>
          <TableRow>
            <TableCell>{t('audit.field')}</TableCell>
            <TableCell>{t('audit.before')}</TableCell>
            <TableCell>{t('audit.after')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {changes.map((c) => (
            <TableRow key={c.field || 'value'}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <LtrText mono>{c.field || '—'}</LtrText>
              </TableCell>
              <TableCell sx={{ color: 'error.dark', overflowWrap: 'anywhere' }}>
                <Value value={c.before} format={format} />
              </TableCell>
              <TableCell sx={{ color: 'success.dark', overflowWrap: 'anywhere' }}>
                <Value value={c.after} format={format} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

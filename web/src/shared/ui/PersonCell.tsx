import Avatar from '@mui/material/Avatar';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { LtrText } from './LtrText.tsx';

const PALETTE = ['#0d5c63', '#4f4fc4', '#8e4b9c', '#b25d1f', '#2e7d4f', '#a23b5c', '#3a6ea5'];

function colorFor(seed: string): string {
  let hash = 0;
  for (const ch of seed) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
  return PALETTE[Math.abs(hash) % PALETTE.length] ?? PALETTE[0]!;
}

export function initialOf(name: string): string {
  return Array.from(name.trim())[0]?.toUpperCase() ?? '?';
}

/** Avatar, name and email (or a subtitle in any script) of a person; `badge` marks e.g. "you". */
export function PersonCell({ name, email, subtitle, badge }: { name: string; email?: string; subtitle?: string; badge?: string }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, minWidth: 0 }}>
      <Avatar sx={{ width: 36, height: 36, fontSize: 15, bgcolor: colorFor(email ?? name) }}>{initialOf(name)}</Avatar>
      <Box sx={{ minWidth: 0 }}>
        <Typography variant="body2" sx={{ fontWeight: 600, display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
          {name}
          {badge && <Chip label={badge} size="small" variant="outlined" sx={{ height: 20, fontSize: 11 }} />}
        </Typography>
        {email && (
          <Typography
            variant="caption"
            color="text.secondary"
            component="div"
            title={email}
            sx={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
          >
            <LtrText>{email}</LtrText>
          </Typography>
        )}
        {subtitle && (
          <Typography variant="caption" color="text.secondary" component="div" dir="auto" sx={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
            {subtitle}
          </Typography>
        )}
      </Box>
    </Box>
  );
}

import { useState } from 'react';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Divider from '@mui/material/Divider';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import ViewColumnOutlinedIcon from '@mui/icons-material/ViewColumnOutlined';
import { useT } from '../i18n/index.ts';

/** `custom`: a workspace's own field, listed after the others under their own heading. */
export type ChoosableColumn = { field: string; label: string; locked?: boolean; custom?: boolean };

type Props = {
  columns: ChoosableColumn[];
  /** Fields shown, in order. */
  visible: string[];
  onChange: (visible: string[]) => void;
  onReset: () => void;
};

/** Which columns the list shows; saved with the view. */
export function ColumnChooser({ columns, visible, onChange, onReset }: Props) {
  const { t } = useT();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const toggle = (field: string) => {
    if (visible.includes(field)) onChange(visible.filter((f) => f !== field));
    else onChange(columns.map((c) => c.field).filter((f) => f === field || visible.includes(f)));
  };
  return (
    <>
      <Button variant="outlined" color="inherit" startIcon={<ViewColumnOutlinedIcon />} onClick={(e) => setAnchor(e.currentTarget)} sx={{ borderColor: 'divider' }} data-testid="columns-open">
        {t('records.columns')}
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)} slotProps={{ paper: { sx: { maxHeight: 420, minWidth: 240 } } }}>
        {columns.flatMap((c, index) => [
          ...(c.custom && !columns[index - 1]?.custom
            ? [
                <ListSubheader key="custom-heading" sx={{ lineHeight: 2.5 }}>
                  {t('filters.customFields')}
                </ListSubheader>,
              ]
            : []),
          <MenuItem key={c.field} dense disabled={c.locked} onClick={() => toggle(c.field)} data-testid={`column-toggle-${c.field}`}>
            <ListItemIcon>
              <Checkbox edge="start" size="small" checked={c.locked || visible.includes(c.field)} tabIndex={-1} disableRipple />
            </ListItemIcon>
            <ListItemText primary={c.label} />
          </MenuItem>,
        ])}
        <Divider />
        <MenuItem
          dense
          onClick={() => {
            onReset();
            setAnchor(null);
          }}
        >
          <ListItemText inset primary={t('records.resetColumns')} />
        </MenuItem>
      </Menu>
    </>
  );
}

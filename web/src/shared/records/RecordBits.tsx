import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import EmailOutlinedIcon from '@mui/icons-material/EmailOutlined';
import PhoneOutlinedIcon from '@mui/icons-material/PhoneOutlined';
import { useFormat } from '../format/index.ts';
import { useT } from '../i18n/index.ts';
import { useSession } from '../session/index.ts';
import { LtrText } from '../ui/LtrText.tsx';
import { useOwners, useTags } from './records.api.ts';
import type { ContactEntry, TagRef } from './records.types.ts';

/** +989121234567 → 0912 123 4567 (۰۹۱۲ ۱۲۳ ۴۵۶۷ in Persian); other numbers as stored. */
export function usePhoneText(): (value: string) => string {
  const format = useFormat();
  return (value) => {
    let text = value;
    const mobile = /^\+98(9\d{2})(\d{3})(\d{4})$/.exec(value);
    const landline = /^\+98(\d{2})(\d{4})(\d{4})$/.exec(value);
    if (mobile) text = `0${mobile[1]} ${mobile[2]} ${mobile[3]}`;
    else if (landline) text = `0${landline[1]} ${landline[2]} ${landline[3]}`;
    return format.digits(text);
  };
}

const colorOf = (tag: string | TagRef) => (typeof tag === 'string' ? null : tag.color);
const nameOf = (tag: string | TagRef) => (typeof tag === 'string' ? tag : tag.name);

export function TagChips({ tags, max = 3, size = 'small' }: { tags: Array<string | TagRef>; max?: number; size?: 'small' | 'medium' }) {
  const format = useFormat();
  if (!tags.length) return null;
  const shown = tags.slice(0, max);
  return (
    <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
      {shown.map((tag) => (
        <Chip
          key={nameOf(tag)}
          size={size}
          label={nameOf(tag)}
          variant="outlined"
          data-testid="tag-chip"
          sx={{ height: size === 'small' ? 22 : undefined, borderColor: colorOf(tag) ?? undefined, color: colorOf(tag) ?? undefined }}
        />
      ))}
      {tags.length > max && <Chip size={size} label={`+${format.digits(tags.length - max)}`} sx={{ height: size === 'small' ? 22 : undefined }} />}
    </Box>
  );
}

/** Pick existing tags or type new ones (created on save). Works with names. */
export function TagsEditor({ value, onChange, label, testId, disabled }: { value: string[]; onChange: (names: string[]) => void; label?: string; testId?: string; disabled?: boolean }) {
  const { t } = useT();
  const tags = useTags();
  return (
    <Autocomplete
      multiple
      freeSolo
      size="small"
      disabled={disabled}
      options={(tags.data ?? []).map((tag) => tag.name)}
      value={value}
      onChange={(_, next) => onChange([...new Set(next.map((n) => n.trim()).filter(Boolean))])}
      renderValue={(selected, getItemProps) =>
        selected.map((option, index) => {
          const { key, ...itemProps } = getItemProps({ index });
          return <Chip key={key} size="small" label={option} {...itemProps} />;
        })
      }
      renderInput={(params) => (
        <TextField
          {...params}
          label={label ?? t('records.tags')}
          placeholder={value.length ? undefined : t('records.tagsPlaceholder')}
          slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': testId ?? 'tags-input' } }}
        />
      )}
    />
  );
}

/** The owner's name: "you", a colleague's name, or — */
export function useOwnerName(): (ownerId: string | null | undefined) => string {
  const me = useSession();
  const owners = useOwners();
  const { t } = useT();
  return (ownerId) => {
    if (!ownerId) return t('records.noOwner');
    if (ownerId === me.user.id) return me.user.name;
    return owners.data?.find((o) => o.userId === ownerId)?.name ?? t('records.unknownOwner');
  };
}

export function OwnerSelect({
  value,
  onChange,
  allowNone = true,
  testId,
  hideLabel,
  ...rest
}: { value: string | null; onChange: (ownerId: string | null) => void; allowNone?: boolean; testId?: string; hideLabel?: boolean } & Omit<TextFieldProps, 'value' | 'onChange' | 'select' | 'slotProps'>) {
  const { t } = useT();
  const me = useSession();
  const owners = useOwners();
  const list = owners.data?.length ? owners.data : [{ userId: me.user.id, name: me.user.name }];
  const known = !value || list.some((o) => o.userId === value);
  return (
    <TextField
      select
      label={hideLabel ? undefined : t('records.owner')}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value || null)}
      {...rest}
      slotProps={{ htmlInput: { 'data-testid': testId ?? 'owner-select' }, select: { displayEmpty: true }, inputLabel: { shrink: true } }}
    >
      {allowNone && (
        <MenuItem value="">
          <em>{t('records.noOwner')}</em>
        </MenuItem>
      )}
      {!known && value && <MenuItem value={value}>{t('records.unknownOwner')}</MenuItem>}
      {list.map((o) => (
        <MenuItem key={o.userId} value={o.userId}>
          {o.userId === me.user.id ? `${o.name} (${t('common.you')})` : o.name}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** Emails (mailto:) and phones (tel:), primary first. */
export function ContactLinks({ emails = [], phones = [], dense }: { emails?: ContactEntry[]; phones?: ContactEntry[]; dense?: boolean }) {
  const phoneText = usePhoneText();
  const { tOr } = useT();
  const labelOf = (label?: string) => (label ? tOr(`records.contactLabels.${label}`, label) : '');
  const row = (icon: React.ReactNode, href: string, text: string, label: string | undefined, testId: string, key: string) => (
    <Box key={key} sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 0 }}>
      {icon}
      <Link href={href} underline="hover" data-testid={testId} sx={{ minWidth: 0, overflowWrap: 'anywhere' }}>
        <LtrText>{text}</LtrText>
      </Link>
      {label && !dense && (
        <Typography variant="caption" color="text.secondary">
          {labelOf(label)}
        </Typography>
      )}
    </Box>
  );
  const sorted = <T extends ContactEntry>(list: T[]) => [...list].sort((a, b) => Number(b.primary) - Number(a.primary));
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: dense ? 0.25 : 0.75 }}>
      {sorted(phones).map((p) => row(<PhoneOutlinedIcon fontSize="small" color="action" />, `tel:${p.value}`, phoneText(p.value), p.label, 'contact-phone', `p-${p.value}`))}
      {sorted(emails).map((e) => row(<EmailOutlinedIcon fontSize="small" color="action" />, `mailto:${e.value}`, e.value, e.label, 'contact-email', `e-${e.value}`))}
    </Box>
  );
}

/** Latin data (emails, phones, sites) in a list cell: left-to-right, cut with an ellipsis at its end. */
export function LtrCell({ children }: { children: React.ReactNode }) {
  const { locale } = useT();
  return (
    <Box
      component="span"
      dir="ltr"
      title={typeof children === 'string' ? children : undefined}
      sx={{ display: 'block', width: '100%', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', textAlign: locale === 'fa' ? 'end' : 'start' }}
    >
      {children}
    </Box>
  );
}

import { useMemo, useState } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import { IRAN_PROVINCES, regionLabel } from '#common/records/iran-provinces.ts';
import { useT } from '../../shared/i18n/index.ts';
import { useOwners } from '../../shared/records/index.ts';
import { Form, FormErrorAlert, fieldState, useNotify } from '../../shared/ui/index.ts';
import { useSaveTerritory, type MemberRef, type Territory, type TerritoryInput, type TerritoryMemberInput } from './territories.api.ts';

const PROVINCE_CODES = IRAN_PROVINCES.map((p) => p.code);

/** A workspace member as the pickers show them. */
type Person = Pick<MemberRef, 'userId' | 'name'>;

function MembersPicker({ label, value, options, onChange, testId }: { label: string; value: Person[]; options: Person[]; onChange: (v: Person[]) => void; testId: string }) {
  return (
    <Autocomplete
      multiple
      options={options}
      value={value}
      getOptionLabel={(o) => o.name}
      isOptionEqualToValue={(a, b) => a.userId === b.userId}
      onChange={(_, next) => onChange(next)}
      renderValue={(selected, getItemProps) =>
        selected.map((o, index) => {
          const { key, ...itemProps } = getItemProps({ index });
          return <Chip key={key} size="small" label={o.name} {...itemProps} />;
        })
      }
      renderInput={(params) => <TextField {...params} label={label} slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': testId } }} />}
    />
  );
}

/** Create or edit a territory: name, description, parent, provinces/regions, reps and managers. */
export function TerritoryDialog({ territory, territories, onClose }: { territory?: Territory; territories: Territory[]; onClose: () => void }) {
  const { t, locale } = useT();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const notify = useNotify();
  const save = useSaveTerritory();
  const owners = useOwners();
  const [name, setName] = useState(territory?.name ?? '');
  const [description, setDescription] = useState(territory?.description ?? '');
  const [parentId, setParentId] = useState(territory?.parentId ?? '');
  const [regions, setRegions] = useState<string[]>(territory?.regions ?? []);
  const [reps, setReps] = useState<Person[]>(territory?.members.filter((m) => m.role === 'rep') ?? []);
  const [managers, setManagers] = useState<Person[]>(territory?.members.filter((m) => m.role === 'manager') ?? []);
  const [submitted, setSubmitted] = useState(false);

  // Members already on the territory stay offered even if the members list cannot be read.
  const people = useMemo(() => {
    const byId = new Map<string, Person>((territory?.members ?? []).map((m) => [m.userId, m]));
    for (const o of owners.data ?? []) byId.set(o.userId, o);
    return [...byId.values()];
  }, [owners.data, territory]);
  const parents = territories.filter((x) => x.id !== territory?.id && !x.archivedAt);

  const nameError = submitted && !name.trim() ? t('errors.required') : null;

  const handleSubmit = () => {
    setSubmitted(true);
    if (!name.trim()) return;
    const next: TerritoryInput = { name: name.trim(), description: description.trim() || null, parentId: parentId || null, regions };
    const fields: Partial<TerritoryInput> = territory
      ? Object.fromEntries(Object.entries(next).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(territory[key as keyof TerritoryInput] ?? null)))
      : next;
    const members: TerritoryMemberInput[] = [
      ...managers.map((m) => ({ userId: m.userId, role: 'manager' as const })),
      ...reps.filter((r) => !managers.some((m) => m.userId === r.userId)).map((r) => ({ userId: r.userId, role: 'rep' as const })),
    ];
    const before = territory?.members.map((m) => `${m.userId}:${m.role}`).sort().join() ?? '';
    const membersChanged = members.map((m) => `${m.userId}:${m.role}`).sort().join() !== before;
    save.mutate(
      { existing: territory, fields, members: !territory || membersChanged ? members : undefined },
      {
        onSuccess: () => {
          notify({ key: 'territories.savedToast' });
          onClose();
        },
      },
    );
  };

  return (
    <Dialog open onClose={save.isPending ? undefined : onClose} fullWidth maxWidth="sm" fullScreen={phone} data-testid="territory-dialog">
      <Form onSubmit={handleSubmit}>
        <DialogTitle>{territory ? t('territories.edit') : t('territories.new')}</DialogTitle>
        <DialogContent>
          <FormErrorAlert error={save.error} />
          <Stack spacing={2.5} sx={{ pt: 1 }}>
            <TextField
              label={t('territories.name')}
              value={name}
              onChange={(e) => setName(e.target.value)}
              {...fieldState('name', { error: save.error, client: nameError })}
              slotProps={{ htmlInput: { 'data-testid': 'territory-name', autoFocus: true } }}
            />
            <TextField label={t('territories.description')} value={description} onChange={(e) => setDescription(e.target.value)} multiline minRows={2} {...fieldState('description', { error: save.error })} />
            <TextField
              select
              label={t('territories.parent')}
              value={parentId}
              onChange={(e) => setParentId(e.target.value)}
              {...fieldState('parentId', { error: save.error })}
              slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'territory-parent' } }}
            >
              <MenuItem value="">
                <em>{t('territories.noParent')}</em>
              </MenuItem>
              {parents.map((p) => (
                <MenuItem key={p.id} value={p.id}>
                  {p.name}
                </MenuItem>
              ))}
            </TextField>
            <Autocomplete
              multiple
              freeSolo
              options={PROVINCE_CODES}
              value={regions}
              onChange={(_, next) => setRegions([...new Set(next.map((v) => v.trim()).filter(Boolean))])}
              getOptionLabel={(code) => regionLabel(code, locale)}
              filterOptions={(options, state) => {
                const typed = state.inputValue.trim();
                return typed ? options.filter((code) => regionLabel(code, 'fa').includes(typed) || regionLabel(code, 'en').toLowerCase().includes(typed.toLowerCase())) : options;
              }}
              renderValue={(selected, getItemProps) =>
                selected.map((code, index) => {
                  const { key, ...itemProps } = getItemProps({ index });
                  return <Chip key={key} size="small" label={regionLabel(code, locale)} {...itemProps} data-testid="territory-region-chip" />;
                })
              }
              renderInput={(params) => (
                <TextField
                  {...params}
                  label={t('territories.regions')}
                  {...fieldState('regions', { error: save.error, helper: t('territories.regionsHelp') })}
                  slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'territory-regions' } }}
                />
              )}
            />
            <MembersPicker label={t('territories.reps')} value={reps} options={people} onChange={setReps} testId="territory-reps" />
            <MembersPicker label={t('territories.managers')} value={managers} options={people} onChange={setManagers} testId="territory-managers" />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={save.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" loading={save.isPending} data-testid="territory-save">
            {t('common.save')}
          </Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
}

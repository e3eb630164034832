import { useRef, useState, type DragEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import UploadFileOutlinedIcon from '@mui/icons-material/UploadFileOutlined';
import { useFormat } from '../../shared/format/index.ts';
import { useT } from '../../shared/i18n/index.ts';
import { FormErrorAlert, PageHeader } from '../../shared/ui/index.ts';
import { ImportSteps } from './ImportSteps.tsx';
import { useImportEntityLabel } from './import-labels.ts';
import { IMPORT_ENTITY_TYPES, useUploadImport, type ImportEntityType } from './imports.api.ts';

/** Step 1: choose what to import and the CSV file; the raw file is sent as the request body. */
export function NewImportPage() {
  const { t } = useT();
  const format = useFormat();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const fromUrl = params.get('entityType');
  const entityType: ImportEntityType = IMPORT_ENTITY_TYPES.includes(fromUrl as ImportEntityType) ? (fromUrl as ImportEntityType) : 'person';
  const entityLabel = useImportEntityLabel();
  const upload = useUploadImport();
  const input = useRef<HTMLInputElement | null>(null);
  const [dragging, setDragging] = useState(false);
  const [file, setFile] = useState<File | null>(null);

  const send = (chosen: File) => {
    setFile(chosen);
    upload.mutate({ file: chosen, entityType }, { onSuccess: (job) => void navigate(`/imports/${job.id}`, { replace: true }) });
  };

  const handleDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const dropped = e.dataTransfer.files?.[0];
    if (dropped) send(dropped);
  };

  return (
    <Box data-testid="import-new-page">
      <PageHeader title={t('imports.newTitle')} subtitle={t('imports.newSubtitle')} />
      <ImportSteps active={0} />
      <Card>
        <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
          <Stack spacing={2.5} sx={{ maxWidth: 640 }}>
            <FormErrorAlert error={upload.error} />
            <TextField
              select
              label={t('imports.entityType')}
              value={entityType}
              onChange={(e) => setParams({ entityType: e.target.value }, { replace: true })}
              slotProps={{ htmlInput: { 'data-testid': 'import-entity-type' } }}
              sx={{ maxWidth: 320 }}
            >
              {IMPORT_ENTITY_TYPES.map((type) => (
                <MenuItem key={type} value={type}>
                  {entityLabel(type)}
                </MenuItem>
              ))}
            </TextField>
            <Box
              onDragOver={(e) => {
                e.preventDefault();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={handleDrop}
              sx={{
                border: 2,
                borderStyle: 'dashed',
                borderColor: dragging ? 'primary.main' : 'divider',
                borderRadius: 3,
                p: { xs: 3, sm: 5 },
                textAlign: 'center',
                bgcolor: dragging ? 'action.hover' : 'transparent',
                display: 'flex',
                flexDirection: 'column',
                alignItems: 'center',
                gap: 1.5,
              }}
            >
              <UploadFileOutlinedIcon color="primary" sx={{ fontSize: 44 }} />
              <Typography variant="subtitle1">{t('imports.dropHere')}</Typography>
              <Typography variant="body2" color="text.secondary" sx={{ maxWidth: 460 }}>
                {t('imports.fileHelp')}
              </Typography>
              <input
                ref={input}
                type="file"
                accept=".csv,text/csv,text/plain"
                hidden
                data-testid="import-file"
                onChange={(e) => {
                  const chosen = e.target.files?.[0];
                  if (chosen) send(chosen);
                  e.target.value = '';
                }}
              />
              <Button variant="contained" onClick={() => input.current?.click()} loading={upload.isPending} data-testid="import-choose-file">
                {t('imports.chooseFile')}
              </Button>
              {file && (
                <Typography variant="caption" color="text.secondary" data-testid="import-file-name">
                  {file.name} · {t('imports.fileSize', { size: format.number(Math.max(1, Math.round(file.size / 1024))) })}
                </Typography>
              )}
            </Box>
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
}

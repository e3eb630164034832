import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import { useT } from '../../shared/i18n/index.ts';

/** Upload → map columns → check (dry run) → import. */
export function ImportSteps({ active }: { active: number }) {
  const { t } = useT();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const steps = [t('imports.steps.upload'), t('imports.steps.map'), t('imports.steps.check'), t('imports.steps.import')];
  return (
    <Stepper activeStep={active} alternativeLabel={phone} sx={{ mb: 3, '& .MuiStepLabel-label': { fontSize: phone ? 12 : undefined } }} data-testid="import-steps">
      {steps.map((label) => (
        <Step key={label}>
          <StepLabel>{label}</StepLabel>
        </Step>
      ))}
    </Stepper>
  );
}

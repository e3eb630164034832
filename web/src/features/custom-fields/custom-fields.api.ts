import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey } from '../../shared/api/index.ts';
import { customFieldsKey, type CustomFieldDef, type CustomFieldType, type EntityType } from '../../shared/records/index.ts';

export type CustomFieldInput = {
  entityType: EntityType;
  key?: string;
  labelFa: string;
  labelEn: string;
  type: CustomFieldType;
  options?: Array<{ value?: string; labelFa: string; labelEn: string }>;
  required?: boolean;
};

export function useSaveCustomField() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ existing, input }: { existing?: CustomFieldDef; input: CustomFieldInput }) => {
      if (existing) {
        const { labelFa, labelEn, options, required } = input;
        return api.patch<CustomFieldDef>(`/api/v1/custom-fields/${encodeURIComponent(existing.id)}`, {
          version: existing.version,
          labelFa,
          labelEn,
          required,
          ...(options ? { options } : {}),
        });
      }
      return api.post<CustomFieldDef>('/api/v1/custom-fields', input, { idempotencyKey: newIdempotencyKey() });
    },
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: customFieldsKey });
      await queryClient.invalidateQueries({ queryKey: ['field-catalog'] });
    },
  });
}

export function useArchiveCustomField() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (field: CustomFieldDef) => api.delete(`/api/v1/custom-fields/${encodeURIComponent(field.id)}`),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: customFieldsKey });
      await queryClient.invalidateQueries({ queryKey: ['field-catalog'] });
    },
  });
}

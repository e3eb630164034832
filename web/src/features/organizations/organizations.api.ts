import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey, type Page } from '../../shared/api/index.ts';
import { recordsKey, type OrganizationMember, type Person } from '../../shared/records/index.ts';

const peopleKey = (id: string) => [...recordsKey('organizations'), 'people', id] as const;

/** A row of GET /organizations/:id/people, whatever shape the server gives (link or whole person). */
export type OrgPersonRow = { personId: string; name: string; jobTitle: string | null; role: string | null; isPrimary: boolean; person?: Partial<Person> };

function toRow(raw: OrganizationMember & Partial<Person> & { person?: Partial<Person> }): OrgPersonRow {
  const p = raw.person ?? raw;
  const personId = raw.personId ?? p.id ?? raw.id ?? '';
  const name = p.displayName ?? (`${p.firstName ?? ''} ${p.lastName ?? ''}`.trim() || '—');
  return { personId, name, jobTitle: p.jobTitle ?? null, role: raw.role ?? null, isPrimary: Boolean(raw.isPrimary), person: p };
}

export function useOrganizationPeople(id: string) {
  return useQuery({
    queryKey: peopleKey(id),
    queryFn: async () => {
      const page = await api.get<Page<OrganizationMember> | OrganizationMember[]>(`/api/v1/organizations/${encodeURIComponent(id)}/people`, { limit: 200 });
      return (Array.isArray(page) ? page : page.items).map(toRow);
    },
  });
}

export function useAddOrganizationPerson(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { personId: string; role: string | null }) =>
      api.post(`/api/v1/organizations/${encodeURIComponent(id)}/people`, input, { idempotencyKey: newIdempotencyKey() }),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: peopleKey(id) });
      await queryClient.invalidateQueries({ queryKey: recordsKey('people') });
      await queryClient.invalidateQueries({ queryKey: ['timeline'] });
    },
  });
}

export function useRemoveOrganizationPerson(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (personId: string) => api.delete(`/api/v1/organizations/${encodeURIComponent(id)}/people/${encodeURIComponent(personId)}`),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: peopleKey(id) });
      await queryClient.invalidateQueries({ queryKey: recordsKey('people') });
      await queryClient.invalidateQueries({ queryKey: ['timeline'] });
    },
  });
}

import type { Executor } from '../../kernel/db/database.ts';
import { recordSearchKey } from '../../kernel/records/index.ts';
import { personOrganizationsRepository } from '../organizations/person-organizations.repository.ts';
import { phoneSearchForms } from './contact-fields.ts';
import { peopleRepository, type PersonRow } from './people.repository.ts';

type Searchable = Pick<PersonRow, 'firstName' | 'lastName' | 'firstNameLatin' | 'lastNameLatin' | 'emails' | 'phones'>;

/**
 * Names in both scripts (each part and the full name, so «علی رضایی» is found by «علیرضایی»
 * too), emails, phones in E.164 and local 09… form, and the person's organisations.
 */
export function personSearchKey(person: Searchable, organizationNames: string[]): string {
  const fullName = `${person.firstName} ${person.lastName}`;
  const fullLatin = `${person.firstNameLatin ?? ''} ${person.lastNameLatin ?? ''}`;
  const parts = [
    fullName,
    person.firstName,
    person.lastName,
    fullLatin,
    person.firstNameLatin,
    person.lastNameLatin,
    ...person.emails.map((e) => e.value),
    ...phoneSearchForms(person.phones),
    ...organizationNames,
  ];
  return recordSearchKey([...new Set(parts)]);
}

/**
 * Recomputes the stored search keys of these people from their current row and organisations;
 * called after any write that changes either (a person edit, a link, an organisation rename).
 */
export async function refreshPersonSearchKeys(tx: Executor, workspaceId: string, personIds: string[]): Promise<void> {
  if (!personIds.length) return;
  // One after the other: a transaction is one connection, and PGlite has only one anyway.
  const rows = await peopleRepository.findMany(tx, workspaceId, personIds);
  const names = await personOrganizationsRepository.organizationNamesOf(tx, workspaceId, personIds);
  for (const row of rows) {
    const key = personSearchKey(row, names.get(row.id) ?? []);
    if (key !== row.searchKey) await peopleRepository.setSearchKey(tx, workspaceId, row.id, key);
  }
}

import type { CallLogInput, LinkInput, Subject } from './activities.types.ts';

/** The person the call was with, as the dialog's picker or chips hold it. */
type PickedPerson = { id: string };

/** What the quick call log sends: the person alone when the page is theirs, else the record and the person picked. */
export function callLogBody(subject: Subject | null, person: PickedPerson | null, fields: Omit<CallLogInput, 'personId' | 'links'>): CallLogInput {
  if (subject?.entityType === 'person') return { personId: subject.id, ...fields };
  if (!subject) return person ? { personId: person.id, ...fields } : { ...fields };
  const links: LinkInput[] = [{ entityType: subject.entityType, entityId: subject.id }];
  if (person) links.push({ entityType: 'person', entityId: person.id });
  return { links, ...fields };
}

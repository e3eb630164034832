export type TimelineSubjectType = 'person' | 'organization' | 'lead' | 'deal';

/** The record whose story is told, with the ids of records merged into it (their history counts). */
export type TimelineSubject = { entityType: TimelineSubjectType; id: string; ids: string[] };

export type TimelineItem = {
  id: string;
  occurredAt: Date;
  /** Which module fed it: 'audit' today; notes, activities, deals, tickets, campaigns later. */
  source: string;
  kind: string;
  actor: { type: string; id: string | null; name: string | null } | null;
  entityType: string;
  entityId: string;
  data: Record<string, unknown>;
  /**
   * The other records the item names (the organisation of a person's link, the person of an
   * organisation's link, a lead's converted person …) with their display names, so a timeline
   * can say «به سازمان «آلفا» پیوست» rather than show an id. Deleted ones are named too.
   */
  references?: TimelineReference[];
};

export type TimelineReference = { entityType: TimelineSubjectType; id: string; name: string; deleted: boolean };

export type TimelinePage = { before?: { at: Date; id: string }; limit: number };

/** A module that contributes items to customer timelines. Items newest first, at most `limit`. */
export type TimelineProvider = {
  source: string;
  fetch(workspaceId: string, subject: TimelineSubject, page: TimelinePage): Promise<TimelineItem[]>;
};

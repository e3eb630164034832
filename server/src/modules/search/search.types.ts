export type SearchEntity = 'person' | 'organization' | 'lead';
export const SEARCH_ENTITIES = ['person', 'organization', 'lead'] as const satisfies readonly SearchEntity[];

/** Which part of the record the query matched: shown next to the result ("matched on phone"). */
export type MatchedOn = 'name' | 'email' | 'phone' | 'company' | 'other';

export type SearchResult = {
  type: SearchEntity;
  id: string;
  title: string;
  subtitle: string | null;
  /**
   * 0–1: 1 exact email/phone, 0.95 a whole part (name, email …), 0.85 a part's prefix, 0.7 a
   * substring, ≤ 0.65 a typo-tolerant match; a person or lead found through its company ≤ 0.6.
   */
  score: number;
  matchedOn: MatchedOn;
};

export type DuplicateReasonCode =
  | 'same_email'
  | 'same_phone'
  | 'same_name_same_organization'
  | 'similar_name_same_organization'
  | 'same_name'
  | 'similar_name';

export type DuplicateReason = { code: DuplicateReasonCode; value: string; similarity?: number };

export type DuplicateCandidate = {
  entityType: SearchEntity;
  id: string;
  title: string;
  subtitle: string | null;
  score: number;
  reasons: DuplicateReason[];
};

/**
 * What a record to be created (or an existing one) looks like to duplicate detection.
 * `names`: full names in any script («علی رضایی», "Ali Rezaei"); for organisations their names.
 * `organizationName`/`organizationIds`: the organisation a person works for, or a lead's company.
 */
export type DuplicateProbe = {
  names: string[];
  emails?: string[];
  phones?: string[];
  organizationName?: string | null;
  organizationIds?: string[];
};

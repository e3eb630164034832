import { jalaliDayRange, randomWorkMoment, tehranMoment, type DayRange } from './dates.ts';
import { rowRng, stableUuid, stream, type Prng, type Stream } from './prng.ts';
import {
  ACTIVITY_SUBJECTS,
  ACTIVITY_TYPES,
  BRANDS,
  CITIES,
  ENGLISH_BRANDS,
  ENGLISH_COMPANY_SUFFIXES,
  ENGLISH_FIRST_NAMES,
  ENGLISH_LAST_NAMES,
  FOREIGN_CITIES,
  INDUSTRIES,
  MOBILE_PREFIXES,
  ORDER_CHANNELS,
  ORDER_STATUSES,
  ORGANIZATION_KINDS_FA,
  ORGANIZATION_TYPES,
  PERSIAN_FEMALE_NAMES,
  PERSIAN_LAST_NAMES,
  PERSIAN_MALE_NAMES,
  PERSONAL_EMAIL_DOMAINS,
  PRODUCTS,
  type ActivityType,
} from './vocabulary.ts';

/*
 * The customer data of a CRM — organisations, people, activities, orders — as pure functions of
 * (seed, row index). Rows refer to each other by index, and an index is turned into the same
 * UUID wherever it appears, so the four files agree without any of them being held in memory.
 */

export type DatasetSize = { people: number; organizations: number; activities: number; orders: number };

export type DatasetOptions = {
  seed: string;
  size: DatasetSize;
  /** Jalali dates 'YYYY/MM/DD', inclusive; default 1398/01/01 – 1404/12/29. Fixed, not "now", so a seed always gives the same data. */
  from?: string;
  to?: string;
  /** Share of people and organisations with Persian names; default 0.8. */
  persianShare?: number;
  /** Sales reps owning the records; default 25. */
  reps?: number;
};

export type SalesRep = { name: string; email: string };

export type Dataset = {
  seed: string;
  size: DatasetSize;
  persianShare: number;
  period: DayRange;
  births: DayRange;
  reps: SalesRep[];
  streams: Record<'organization' | 'person' | 'personCore' | 'activity' | 'order' | 'rep', Stream>;
};

export function createDataset(options: DatasetOptions): Dataset {
  const seed = options.seed;
  const streams = {
    organization: stream(seed, 'organization'),
    person: stream(seed, 'person'),
    personCore: stream(seed, 'person-core'),
    activity: stream(seed, 'activity'),
    order: stream(seed, 'order'),
    rep: stream(seed, 'rep'),
  };
  const repCount = options.reps ?? 25;
  const reps: SalesRep[] = [];
  for (let i = 0; i < repCount; i++) {
    const rng = rowRng(streams.rep, i);
    const name = randomPersonName(rng, i % 5 === 4 ? 0 : 1);
    reps.push({ name: name.fullName, email: `${name.firstLatin}.${name.lastLatin}@peyvand.example` });
  }
  return {
    seed,
    size: options.size,
    persianShare: options.persianShare ?? 0.8,
    period: jalaliDayRange(options.from ?? '1398/01/01', options.to ?? '1404/12/29'),
    births: jalaliDayRange('1330/01/01', '1385/12/29'),
    reps,
    streams,
  };
}

// ---------------------------------------------------------------------------------------------
// Names, phones, identifiers

export type PersonName = {
  firstName: string;
  lastName: string;
  fullName: string;
  firstLatin: string;
  lastLatin: string;
  gender: 'male' | 'female';
  locale: 'fa' | 'en';
};

export function randomPersonName(rng: Prng, persianShare: number): PersonName {
  if (rng.chance(persianShare)) {
    const gender = rng.chance(0.5) ? 'male' : 'female';
    const [firstName, firstLatin] = rng.pick(gender === 'male' ? PERSIAN_MALE_NAMES : PERSIAN_FEMALE_NAMES);
    const [lastName, lastLatin] = rng.pick(PERSIAN_LAST_NAMES);
    return { firstName, lastName, fullName: `${firstName} ${lastName}`, firstLatin, lastLatin, gender, locale: 'fa' };
  }
  const [firstName, gender] = rng.pick(ENGLISH_FIRST_NAMES);
  const [lastName, lastLatin] = rng.pick(ENGLISH_LAST_NAMES);
  return { firstName, lastName, fullName: `${firstName} ${lastName}`, firstLatin: firstName.toLowerCase(), lastLatin, gender, locale: 'en' };
}

/** An Iranian mobile number in E.164: +989XXXXXXXXX. */
export function randomMobile(rng: Prng): string {
  return `+989${rng.pick(MOBILE_PREFIXES)}${rng.digits(7)}`;
}

/** کد ملی: nine digits and a check digit (weights 10…2, mod 11). */
export function randomNationalId(rng: Prng): string {
  for (;;) {
    const body = rng.digits(9);
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(body[i]) * (10 - i);
    const remainder = sum % 11;
    const id = body + String(remainder < 2 ? remainder : 11 - remainder);
    if (!/^(\d)\1{9}$/.test(id)) return id;
  }
}

const LEGAL_ID_WEIGHTS = [29, 27, 23, 19, 17, 29, 27, 23, 19, 17] as const;

/** شناسه ملی of a company: ten digits and a check digit. */
export function randomLegalId(rng: Prng): string {
  const body = `${rng.int(1, 9)}${rng.digits(9)}`;
  const shift = Number(body[9]) + 2;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (Number(body[i]) + shift) * LEGAL_ID_WEIGHTS[i]!;
  return body + String((sum % 11) % 10);
}

const CITY_WEIGHTS = CITIES.map((city) => [city, city[3]] as const);

/** People, activities and orders cluster on a minority of organisations and people, as in any customer base. */
function skewedIndex(rng: Prng, count: number): number {
  return Math.min(count - 1, Math.floor(count * Math.pow(rng.float(), 1.6)));
}

// ---------------------------------------------------------------------------------------------
// Organisations

export type Organization = {
  id: string;
  name: string;
  nameEn: string;
  type: string;
  industry: string;
  city: string;
  phone: string;
  website: string;
  domain: string;
  legalId: string;
  employees: number;
  ownerEmail: string;
  createdAt: Date;
};

export const organizationId = (ds: Dataset, index: number) => stableUuid(ds.streams.organization, index);

/** The part of an organisation people rows need (name, domain, city); the first draws of its row. */
export type OrganizationProfile = {
  persian: boolean;
  name: string;
  nameEn: string;
  industry: string;
  domain: string;
  city: string;
  phone: string;
};

function organizationProfile(ds: Dataset, rng: Prng): OrganizationProfile {
  const [industryFa, industryEn, industry] = rng.pick(INDUSTRIES);
  if (rng.chance(ds.persianShare)) {
    const [brandFa, brandLatin] = rng.pick(BRANDS);
    const domain = `${brandLatin}${industry}.${rng.chance(0.8) ? 'ir' : 'com'}`;
    const [city, , areaCode] = rng.weighted(CITY_WEIGHTS);
    return {
      persian: true,
      name: `${rng.pick(ORGANIZATION_KINDS_FA)} ${industryFa} ${brandFa}`,
      nameEn: `${brandLatin[0]!.toUpperCase()}${brandLatin.slice(1)} ${industryEn} Co.`,
      industry,
      domain,
      city,
      phone: `+98${areaCode}${rng.int(2, 8)}${rng.digits(7)}`,
    };
  }
  const brand = rng.pick(ENGLISH_BRANDS);
  const name = `${brand} ${industryEn} ${rng.pick(ENGLISH_COMPANY_SUFFIXES)}`;
  const [, city, country, area] = rng.pick(FOREIGN_CITIES);
  return { persian: false, name, nameEn: name, industry, domain: `${brand.toLowerCase()}-${industry}.com`, city, phone: `+${country}${area}${rng.digits(7)}` };
}

export function organizationAt(ds: Dataset, index: number): Organization {
  const rng = rowRng(ds.streams.organization, index);
  const profile = organizationProfile(ds, rng);
  return {
    id: organizationId(ds, index),
    name: profile.name,
    nameEn: profile.nameEn,
    type: rng.weighted(ORGANIZATION_TYPES),
    industry: profile.industry,
    city: profile.city,
    phone: profile.phone,
    website: `https://www.${profile.domain}`,
    domain: profile.domain,
    legalId: profile.persian ? randomLegalId(rng) : '',
    employees: Math.round(Math.exp(rng.float() * Math.log(5000))) + 1,
    ownerEmail: rng.pick(ds.reps).email,
    createdAt: randomWorkMoment(rng, ds.period).instant,
  };
}

export const ORGANIZATION_COLUMNS = [
  'id', 'name', 'name_en', 'type', 'industry', 'city', 'phone', 'website', 'legal_id', 'employees', 'owner_email', 'created_at',
] as const;

export const organizationRecord = (o: Organization) => [
  o.id, o.name, o.nameEn, o.type, o.industry, o.city, o.phone, o.website, o.legalId, o.employees, o.ownerEmail, o.createdAt.toISOString(),
];

// ---------------------------------------------------------------------------------------------
// People

/** What other rows need to know about a person, derivable without building the whole row. */
export type PersonCore = { organizationIndex: number; persian: boolean };

export function personCore(ds: Dataset, index: number): PersonCore {
  const rng = rowRng(ds.streams.personCore, index);
  const organizationIndex = ds.size.organizations > 0 && rng.chance(0.7) ? skewedIndex(rng, ds.size.organizations) : -1;
  return { organizationIndex, persian: rng.chance(ds.persianShare) };
}

export type Person = PersonName & {
  id: string;
  organizationId: string;
  email: string;
  mobile: string;
  nationalId: string;
  city: string;
  birthDate: string;
  birthDateJalali: string;
  ownerEmail: string;
  createdAt: Date;
};

export const personId = (ds: Dataset, index: number) => stableUuid(ds.streams.person, index);

export function personAt(ds: Dataset, index: number): Person {
  const core = personCore(ds, index);
  const rng = rowRng(ds.streams.person, index);
  const name = randomPersonName(rng, core.persian ? 1 : 0);
  const organization = core.organizationIndex >= 0 ? organizationProfile(ds, rowRng(ds.streams.organization, core.organizationIndex)) : undefined;
  // The row number keeps a million addresses distinct, as a unique index requires.
  const domain = organization && rng.chance(0.5) ? organization.domain : rng.pick(PERSONAL_EMAIL_DOMAINS);
  const local = rng.chance(0.3) ? `${name.firstLatin[0]}.${name.lastLatin}${index}` : `${name.firstLatin}.${name.lastLatin}.${index}`;
  const birth = rng.chance(0.6) ? tehranMoment(rng.int(ds.births.first, ds.births.last), 0) : undefined;
  const city = organization && rng.chance(0.6) ? organization.city : name.locale === 'fa' ? rng.weighted(CITY_WEIGHTS)[0] : rng.pick(FOREIGN_CITIES)[1];
  return {
    firstName: name.firstName,
    lastName: name.lastName,
    fullName: name.fullName,
    firstLatin: name.firstLatin,
    lastLatin: name.lastLatin,
    gender: name.gender,
    locale: name.locale,
    id: personId(ds, index),
    organizationId: organization ? organizationId(ds, core.organizationIndex) : '',
    email: `${local}@${domain}`,
    mobile: name.locale === 'fa' || rng.chance(0.2) ? randomMobile(rng) : '',
    nationalId: name.locale === 'fa' && rng.chance(0.85) ? randomNationalId(rng) : '',
    city,
    birthDate: birth?.isoDate ?? '',
    birthDateJalali: birth?.jalali ?? '',
    ownerEmail: rng.pick(ds.reps).email,
    createdAt: randomWorkMoment(rng, ds.period).instant,
  };
}

export const PERSON_COLUMNS = [
  'id', 'organization_id', 'first_name', 'last_name', 'first_name_latin', 'last_name_latin', 'gender', 'locale', 'email', 'mobile', 'national_id', 'city',
  'birth_date', 'birth_date_jalali', 'owner_email', 'created_at',
] as const;

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

export const personRecord = (p: Person) => [
  p.id, p.organizationId, p.firstName, p.lastName,
  p.locale === 'fa' ? capitalize(p.firstLatin) : p.firstName, p.locale === 'fa' ? capitalize(p.lastLatin) : p.lastName, p.gender, p.locale, p.email, p.mobile, p.nationalId, p.city,
  p.birthDate, p.birthDateJalali, p.ownerEmail, p.createdAt.toISOString(),
];

// ---------------------------------------------------------------------------------------------
// Activities

export type Activity = {
  id: string;
  type: ActivityType;
  direction: 'inbound' | 'outbound' | '';
  personId: string;
  organizationId: string;
  ownerEmail: string;
  subject: string;
  occurredAt: Date;
  occurredOnJalali: string;
  durationMinutes: number | null;
};

export function activityAt(ds: Dataset, index: number): Activity {
  const rng = rowRng(ds.streams.activity, index);
  const personIndex = skewedIndex(rng, ds.size.people);
  const core = personCore(ds, personIndex);
  const type = rng.weighted(ACTIVITY_TYPES);
  const [subjectFa, subjectEn] = rng.pick(ACTIVITY_SUBJECTS[type]);
  const moment = randomWorkMoment(rng, ds.period);
  const directed = type === 'call' || type === 'email' || type === 'sms' || type === 'chat';
  return {
    id: stableUuid(ds.streams.activity, index),
    type,
    direction: directed ? (rng.chance(0.6) ? 'outbound' : 'inbound') : '',
    personId: personId(ds, personIndex),
    organizationId: core.organizationIndex >= 0 ? organizationId(ds, core.organizationIndex) : '',
    ownerEmail: rng.pick(ds.reps).email,
    subject: core.persian ? subjectFa : subjectEn,
    occurredAt: moment.instant,
    occurredOnJalali: moment.jalali,
    durationMinutes: type === 'call' ? rng.int(1, 30) : type === 'meeting' ? rng.int(2, 8) * 15 : null,
  };
}

export const ACTIVITY_COLUMNS = [
  'id', 'type', 'direction', 'person_id', 'organization_id', 'owner_email', 'subject', 'occurred_at', 'occurred_on_jalali', 'duration_minutes',
] as const;

export const activityRecord = (a: Activity) => [
  a.id, a.type, a.direction, a.personId, a.organizationId, a.ownerEmail, a.subject, a.occurredAt.toISOString(), a.occurredOnJalali, a.durationMinutes,
];

// ---------------------------------------------------------------------------------------------
// Orders

export type Order = {
  id: string;
  number: string;
  personId: string;
  organizationId: string;
  orderedAt: Date;
  orderedOnJalali: string;
  status: string;
  channel: string;
  product: string;
  quantity: number;
  unitPriceIrr: number;
  amountIrr: number;
  currency: 'IRR';
  ownerEmail: string;
};

export function orderAt(ds: Dataset, index: number): Order {
  const rng = rowRng(ds.streams.order, index);
  const personIndex = skewedIndex(rng, ds.size.people);
  const core = personCore(ds, personIndex);
  const moment = randomWorkMoment(rng, ds.period);
  const [productFa, productEn, min, max] = rng.pick(PRODUCTS);
  const quantity = rng.chance(0.6) ? 1 : rng.int(2, 20);
  // Prices in rials, rounded to 10 000 rials (1 000 tomans) as price lists are.
  const unitPriceIrr = Math.round(rng.int(min, max) / 10_000) * 10_000;
  return {
    id: stableUuid(ds.streams.order, index),
    number: `SO-${moment.jalali.slice(0, 4)}-${String(index + 1).padStart(7, '0')}`,
    personId: personId(ds, personIndex),
    organizationId: core.organizationIndex >= 0 ? organizationId(ds, core.organizationIndex) : '',
    orderedAt: moment.instant,
    orderedOnJalali: moment.jalali,
    status: rng.weighted(ORDER_STATUSES),
    channel: rng.weighted(ORDER_CHANNELS),
    product: core.persian ? productFa : productEn,
    quantity,
    unitPriceIrr,
    amountIrr: unitPriceIrr * quantity,
    currency: 'IRR',
    ownerEmail: rng.pick(ds.reps).email,
  };
}

export const ORDER_COLUMNS = [
  'id', 'number', 'person_id', 'organization_id', 'ordered_at', 'ordered_on_jalali', 'status', 'channel', 'product', 'quantity',
  'unit_price_irr', 'amount_irr', 'currency', 'owner_email',
] as const;

export const orderRecord = (o: Order) => [
  o.id, o.number, o.personId, o.organizationId, o.orderedAt.toISOString(), o.orderedOnJalali, o.status, o.channel, o.product, o.quantity,
  o.unitPriceIrr, o.amountIrr, o.currency, o.ownerEmail,
];

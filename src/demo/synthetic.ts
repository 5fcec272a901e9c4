import type { DemoAction, DemoContact, DemoMeeting, DemoOrganisation, DemoParticipant } from './demo-data.js';

// The generators of the demo's synthetic records: the companies, delegates and counterparts the
// source does not name, the B2B plan, the survey answers and the follow-ups. Deterministic, so
// every database gets the same records; all marked synthetic. The facts are in reference-mission.ts.

/** Name, city and sectors of an invented delegation company. */
export type CompanySpec = readonly [name: string, city: string, sectors: readonly string[]];
/** Name and sectors of invented counterpart companies, by city. */
export type CounterpartSpecs = Readonly<Record<string, ReadonlyArray<readonly [name: string, sectors: readonly string[]]>>>;

/** A valid Belgian enterprise number: 8 digits, then 97 - (those 8 digits mod 97). */
function enterpriseNumber(seq: number): string {
  const first8 = `0${9_900_000 + seq * 1_373}`;
  const check = 97 - (Number(first8) % 97);
  return `${first8}${String(check).padStart(2, '0')}`;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/\(demo\)/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Belgian delegation companies, each with a website and a valid enterprise number. */
export function delegationCompanies(specs: readonly CompanySpec[]): DemoOrganisation[] {
  return specs.map(([name, city, sectors], i) => ({
    key: `org-be-${slug(name)}`,
    name,
    kind: 'company',
    country: 'BE',
    city,
    website: `https://www.${slug(name)}.example`,
    sectors: [...sectors],
    enterpriseNumber: enterpriseNumber(i + 1),
    synthetic: true,
  }));
}

/** Counterpart companies of the host country, by city. */
export function counterpartCompanies(specs: CounterpartSpecs, country: string): DemoOrganisation[] {
  return Object.entries(specs).flatMap(([city, companies]) =>
    companies.map(([name, sectors]): DemoOrganisation => ({
      key: `org-${country.toLowerCase()}-${slug(name)}`,
      name,
      kind: 'company',
      country,
      city,
      sectors: [...sectors],
      synthetic: true,
    })),
  );
}

const FIRST_NAMES = ['Lotte', 'Pieter', 'Sara', 'Jens', 'Fien', 'Bram', 'Ine', 'Wout', 'Hanne', 'Stijn', 'Nele'];
const LAST_NAMES = ['Maes', 'Jacobs', 'Goossens', 'Wouters', 'De Smet', 'Mertens', 'Willems', 'Dubois', 'Lambrechts'];
const DELEGATE_ROLES = ['Managing director', 'Export manager', 'Business development manager', 'Sales director'];

function personName(firstNames: readonly string[], lastNames: readonly string[], seq: number): string {
  return `${firstNames[seq % firstNames.length]} ${lastNames[(seq * 4 + 1) % lastNames.length]}`;
}

function email(name: string, domain: string): string {
  return `${slug(name).replace(/-/g, '.')}@${domain}`;
}

/** One delegate per delegation company, two for every third. */
export function delegatesOf(companies: readonly DemoOrganisation[]): DemoContact[] {
  return companies.flatMap((company, i) => {
    const count = i % 3 === 0 ? 2 : 1;
    return Array.from({ length: count }, (_, d): DemoContact => {
      const seq = i * 2 + d;
      const name = personName(FIRST_NAMES, LAST_NAMES, seq);
      return {
        key: `contact-${company.key.slice('org-'.length)}-${d + 1}`,
        organisationKey: company.key,
        name,
        role: DELEGATE_ROLES[seq % DELEGATE_ROLES.length],
        email: email(name, `${slug(company.name)}.example`),
        synthetic: true,
      };
    });
  });
}

const VN_FAMILY_NAMES = ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Vu', 'Dang'];
const VN_GIVEN_NAMES = ['Thi Lan', 'Van Minh', 'Thi Hoa', 'Quoc Bao', 'Thu Trang', 'Duc Anh', 'Minh Chau', 'Van Hai'];

/** One contact per counterpart company. */
export function counterpartContactsOf(companies: readonly DemoOrganisation[]): DemoContact[] {
  return companies.map((company, i) => {
    const name = `${VN_FAMILY_NAMES[i % VN_FAMILY_NAMES.length]} ${VN_GIVEN_NAMES[(i * 3) % VN_GIVEN_NAMES.length]}`;
    return {
      key: `contact-${company.key.slice('org-'.length)}`,
      organisationKey: company.key,
      name,
      role: DELEGATE_ROLES[(i + 2) % DELEGATE_ROLES.length],
      email: email(name, `${slug(company.name)}.example`),
      synthetic: true,
    };
  });
}

export function contactsOf(organisationKey: string, pool: readonly DemoContact[]): string[] {
  return pool.filter((c) => c.organisationKey === organisationKey).map((c) => c.key);
}

const SATISFACTION_COMMENTS = [
  'Well-prepared B2B programme; relevant counterparts.',
  'Good access to port authorities and local government.',
  'Useful contacts; several follow-up calls already planned.',
  'Strong organisation by FIT, both in Hanoi and in the south.',
  'The seminar gave us visibility with the right audience.',
];

/** The mission's delegation: each company with its delegates, objectives and, mostly, a survey answer. */
export function delegationOf(
  missionKey: string,
  companies: readonly DemoOrganisation[],
  delegates: readonly DemoContact[],
  objectives: Readonly<Record<string, string>>,
): DemoParticipant[] {
  return companies.map((company, i) => {
    const participant: DemoParticipant = {
      missionKey,
      organisationKey: company.key,
      delegateContactKeys: contactsOf(company.key, delegates),
      sectors: [...company.sectors],
      objectives: objectives[company.key] ?? `Meet Vietnamese partners in ${company.sectors.join(' and ')}.`,
      synthetic: company.synthetic,
    };
    // The survey answers of real companies are not public; every seventh synthetic one did not answer.
    if (company.synthetic && i % 7 !== 6) {
      participant.satisfactionScore = i % 5 === 0 ? 4 : 5;
      participant.satisfactionComment = SATISFACTION_COMMENTS[i % SATISFACTION_COMMENTS.length];
    }
    return participant;
  });
}

/** A Vietnam-time timestamp on a mission day (September 2023). */
export function vietnamTime(day: number, hour: number, minute = 0): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `2023-09-${pad(day)}T${pad(hour)}:${pad(minute)}:00+07:00`;
}

/** Who meets whom in the B2B plan: the delegation's companies and delegates, the host's companies and contacts. */
export interface B2bSides {
  companies: readonly DemoOrganisation[];
  delegates: readonly DemoContact[];
  counterparts: readonly DemoOrganisation[];
  counterpartContacts: readonly DemoContact[];
}

/** Mission days with the city the delegation was in (illustrative split). */
const B2B_DAYS: ReadonlyArray<readonly [day: number, city: string]> = [
  [11, 'Hanoi'],
  [12, 'Hanoi'],
  [13, 'Haiphong'],
  [14, 'Ha Long'],
  [15, 'Ho Chi Minh City'],
  [16, 'Ho Chi Minh City'],
];
/** Start times of the 45-minute B2B slots; they never overlap. */
const B2B_SLOTS: ReadonlyArray<readonly [hour: number, minute: number]> = [
  [9, 0],
  [10, 0],
  [11, 0],
  [13, 30],
  [14, 30],
  [15, 30],
  [16, 30],
  [17, 30],
];
const B2B_MINUTES = 45;
const B2B_MEETING_COUNT = 255;
const B2B_OUTCOMES = [
  'Follow-up call agreed',
  'Product documentation requested',
  'Quotation to be sent',
  'Exploratory; no next step yet',
  'Site visit to be planned',
];

/**
 * Round-robin over the synthetic delegation companies (no meetings are invented for
 * real ones): a company's n-th meeting falls on day
 * (company + n) mod 6, in the first slot from a seeded offset where both the
 * company and a counterpart of that city are free, so nobody is double-booked.
 */
export function scheduleB2bMeetings(missionKey: string, sides: B2bSides): DemoMeeting[] {
  const { companies, delegates, counterparts, counterpartContacts } = sides;
  const counterpartsByCity = new Map<string, DemoOrganisation[]>();
  for (const company of counterparts) counterpartsByCity.set(company.city ?? '', [...(counterpartsByCity.get(company.city ?? '') ?? []), company]);

  const booked = new Set<string>();
  const isFree = (orgKey: string, day: number, slot: number) => !booked.has(`${orgKey}@${day}/${slot}`);
  const book = (orgKey: string, day: number, slot: number) => booked.add(`${orgKey}@${day}/${slot}`);

  return Array.from({ length: B2B_MEETING_COUNT }, (_, i): DemoMeeting => {
    const c = i % companies.length;
    const n = Math.floor(i / companies.length);
    const company = companies[c];
    const [day, city] = B2B_DAYS[(c + n) % B2B_DAYS.length];
    const pool = counterpartsByCity.get(city) ?? [];

    for (let s = 0; s < B2B_SLOTS.length; s++) {
      const slot = (c * 3 + n * 5 + s) % B2B_SLOTS.length;
      if (!isFree(company.key, day, slot)) continue;
      const counterpart = Array.from({ length: pool.length }, (_, k) => pool[(c * 5 + n * 3 + k) % pool.length]).find((o) => isFree(o.key, day, slot));
      if (!counterpart) continue;
      book(company.key, day, slot);
      book(counterpart.key, day, slot);

      const [hour, minute] = B2B_SLOTS[slot];
      const end = hour * 60 + minute + B2B_MINUTES;
      return {
        key: `meeting-b2b-${String(i + 1).padStart(3, '0')}`,
        missionKey,
        kind: 'b2b',
        title: `B2B: ${company.name} – ${counterpart.name}`,
        startsAt: vietnamTime(day, hour, minute),
        endsAt: vietnamTime(day, Math.floor(end / 60), end % 60),
        location: `B2B meeting venue, ${city}`,
        organisationKeys: [company.key],
        counterpartOrganisationKeys: [counterpart.key],
        contactKeys: contactsOf(company.key, delegates).slice(0, 1),
        counterpartContactKeys: contactsOf(counterpart.key, counterpartContacts),
        topics: [...new Set([company.sectors[0], counterpart.sectors[0]])],
        outcome: B2B_OUTCOMES[(c + n) % B2B_OUTCOMES.length],
        synthetic: true,
      };
    }
    throw new Error(`No free B2B slot for ${company.name} on 2023-09-${day}`);
  });
}

const FOLLOW_UP_LABELS = ['October 2023', 'November 2023', '2023-Q4'];

/** The agency's follow-up appointment with each company, owned in turn by the given officers. */
export function followUpsOf(missionKey: string, companies: readonly DemoOrganisation[], ownerUserKeys: readonly string[]): DemoAction[] {
  return companies.map((company, i) => ({
    key: `action-follow-up-${company.key.slice('org-'.length)}`,
    title: `Follow-up appointment with ${company.name}`,
    kind: 'follow_up_meeting',
    missionKey,
    organisationKeys: [company.key],
    ownerUserKey: ownerUserKeys[i % ownerUserKeys.length],
    watcherUserKeys: [],
    status: i % 4 === 0 ? 'in_progress' : 'open',
    dueLabel: FOLLOW_UP_LABELS[i % FOLLOW_UP_LABELS.length],
  }));
}

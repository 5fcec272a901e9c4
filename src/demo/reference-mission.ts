/**
 * The reference demo data set: the Flemish economic mission to Vietnam of
 * 11–16 September 2023 (source: written parliamentary question no. 434 of
 * 22 September 2023 and the Minister-President's answer, see
 * ../shared/reference/vraag-434-vietnam-2023.txt), and the 2018 mission it follows.
 *
 * Pure data, no database code. Records point at each other through local `key`
 * strings; the seeder resolves them to ids. Field names follow the REST API.
 *
 * What the source states is real (synthetic=false). The source names only three
 * of the thirty participating companies; the other 27, all Vietnamese counterpart
 * companies, their delegates, the B2B meetings and the satisfaction answers are
 * invented and marked synthetic=true. The source gives no hour-by-hour programme,
 * so the day and time of each meeting are illustrative (within the mission dates).
 */

import type { DemoAction, DemoAgreement, DemoContact, DemoDataSet, DemoMeeting, DemoMission, DemoOrganisation, DemoUser } from './demo-data.js';
import {
  type CompanySpec,
  type CounterpartSpecs,
  counterpartCompanies,
  counterpartContactsOf,
  delegatesOf,
  delegationCompanies,
  delegationOf,
  followUpsOf,
  scheduleB2bMeetings,
  vietnamTime,
} from './synthetic.js';

export const REFERENCE_MISSION_CODE = 'VN-2023';

const MISSION_2023 = 'mission-vn-2023';
const MISSION_2018 = 'mission-vn-2018';

// ---------------------------------------------------------------------------
// Users: invented FIT officers, addresses on a reserved example domain.

const users: DemoUser[] = [
  {
    key: 'user-admin',
    email: 'admin@fit.example',
    name: 'Mission CRM Admin',
    role: 'admin',
    language: 'en',
    timeZone: 'Europe/Brussels',
    reminderMode: 'each',
  },
  {
    key: 'user-els',
    email: 'els.vermeulen@fit.example',
    name: 'Els Vermeulen',
    role: 'officer',
    language: 'nl',
    timeZone: 'Europe/Brussels',
    reminderMode: 'each',
  },
  {
    key: 'user-tom',
    email: 'tom.peeters@fit.example',
    name: 'Tom Peeters',
    role: 'officer',
    language: 'en',
    timeZone: 'Asia/Ho_Chi_Minh',
    reminderMode: 'digest',
  },
  {
    key: 'user-viewer',
    email: 'an.claes@fit.example',
    name: 'An Claes',
    role: 'viewer',
    language: 'nl',
    timeZone: 'Europe/Brussels',
    reminderMode: 'digest',
  },
];

// ---------------------------------------------------------------------------
// Real organisations named in the source (no enterprise numbers invented for them).

const realOrganisations: DemoOrganisation[] = [
  {
    key: 'org-flemish-government',
    name: 'Flemish Government',
    kind: 'government_body',
    country: 'BE',
    city: 'Brussels',
    website: 'https://www.vlaanderen.be',
    sectors: [],
    synthetic: false,
  },
  {
    key: 'org-chancellery',
    name: 'Flemish Department of Chancellery and Foreign Affairs',
    kind: 'government_body',
    country: 'BE',
    city: 'Brussels',
    sectors: ['foreign affairs'],
    synthetic: false,
  },
  {
    key: 'org-mow',
    name: 'Flemish Department of Mobility and Public Works (MOW)',
    kind: 'government_body',
    country: 'BE',
    city: 'Brussels',
    sectors: ['transport', 'ports', 'water management'],
    synthetic: false,
  },
  {
    key: 'org-fit',
    name: 'Flanders Investment & Trade',
    kind: 'agency',
    country: 'BE',
    city: 'Brussels',
    website: 'https://www.flandersinvestmentandtrade.com',
    sectors: ['trade promotion', 'investment promotion'],
    synthetic: false,
  },
  {
    key: 'org-vvob',
    name: 'VVOB – education for development',
    kind: 'ngo',
    country: 'BE',
    city: 'Brussels',
    website: 'https://www.vvob.org',
    sectors: ['education'],
    synthetic: false,
  },
  {
    key: 'org-ku-leuven',
    name: 'KU Leuven',
    kind: 'university',
    country: 'BE',
    city: 'Leuven',
    website: 'https://www.kuleuven.be',
    sectors: ['education', 'research'],
    synthetic: false,
  },
  {
    key: 'org-apec',
    name: 'Antwerp Flanders Port Training Center (APEC)',
    kind: 'other',
    country: 'BE',
    city: 'Antwerp',
    sectors: ['port training'],
    synthetic: false,
  },
  {
    key: 'org-nxtport',
    name: 'NXTPORT International',
    kind: 'company',
    country: 'BE',
    city: 'Antwerp',
    sectors: ['smart logistics', 'port data'],
    synthetic: false,
  },
  {
    key: 'org-camco',
    name: 'CamCO Technologies',
    kind: 'company',
    country: 'BE',
    sectors: ['port automation', 'smart logistics'],
    synthetic: false,
  },
  {
    key: 'org-monument',
    name: 'Monument',
    kind: 'company',
    country: 'BE',
    sectors: ['heritage renovation', 'construction'],
    synthetic: false,
  },
  {
    key: 'org-gov-vn',
    name: 'Government of Vietnam',
    kind: 'government_body',
    country: 'VN',
    city: 'Hanoi',
    sectors: [],
    synthetic: false,
  },
  {
    key: 'org-mofa-vn',
    name: 'Ministry of Foreign Affairs of Vietnam',
    kind: 'government_body',
    country: 'VN',
    city: 'Hanoi',
    sectors: ['foreign affairs'],
    synthetic: false,
  },
  {
    key: 'org-mot-vn',
    name: 'Ministry of Transport of Vietnam',
    kind: 'government_body',
    country: 'VN',
    city: 'Hanoi',
    sectors: ['transport', 'ports', 'waterways'],
    synthetic: false,
  },
  {
    key: 'org-vinamarine',
    name: 'Vinamarine (Vietnam Maritime Administration)',
    kind: 'agency',
    country: 'VN',
    city: 'Hanoi',
    sectors: ['maritime', 'ports'],
    synthetic: false,
  },
  {
    key: 'org-pc-hanoi',
    name: "People's Committee of Hanoi",
    kind: 'government_body',
    country: 'VN',
    city: 'Hanoi',
    sectors: [],
    synthetic: false,
  },
  {
    key: 'org-pc-haiphong',
    name: "People's Committee of Haiphong",
    kind: 'government_body',
    country: 'VN',
    city: 'Haiphong',
    sectors: [],
    synthetic: false,
  },
  {
    key: 'org-pc-quang-ninh',
    name: "People's Committee of Quang Ninh Province",
    kind: 'government_body',
    country: 'VN',
    city: 'Ha Long',
    sectors: [],
    synthetic: false,
  },
  {
    key: 'org-pc-hcmc',
    name: "People's Committee of Ho Chi Minh City",
    kind: 'government_body',
    country: 'VN',
    city: 'Ho Chi Minh City',
    sectors: [],
    synthetic: false,
  },
  {
    key: 'org-hcmue',
    name: 'Ho Chi Minh City University of Education',
    kind: 'university',
    country: 'VN',
    city: 'Ho Chi Minh City',
    sectors: ['education'],
    synthetic: false,
  },
  // The source mentions MOW's Vietnamese counterpart without naming it.
  {
    key: 'org-mow-counterpart-vn',
    name: 'Vietnamese counterpart of the Flemish Department of Mobility and Public Works',
    kind: 'government_body',
    country: 'VN',
    sectors: ['transport', 'water management'],
    synthetic: false,
  },
  {
    key: 'org-mrc',
    name: 'Mekong River Commission (MRC)',
    kind: 'other',
    country: 'LA',
    city: 'Vientiane',
    sectors: ['water management'],
    synthetic: false,
  },
  // EU (COSME) project; coordinated by ACCIÓ (Catalonia), with FIT as a partner.
  {
    key: 'org-goose',
    name: 'GOOSE (EU project)',
    kind: 'other',
    country: 'ES',
    website: 'https://projectgoose.eu/',
    sectors: ['public procurement', 'internationalisation'],
    synthetic: false,
  },
];

const REAL_PARTICIPANT_KEYS = ['org-nxtport', 'org-camco', 'org-monument'];

// ---------------------------------------------------------------------------
// Synthetic Flemish companies: 27, so that with the 3 real ones the delegation has 30.

const FLEMISH_COMPANY_SPECS: readonly CompanySpec[] = [
  ['Polderhaven Logistics (demo)', 'Antwerp', ['ports & logistics', 'smart logistics']],
  ['Scheldemond Dredging Services (demo)', 'Antwerp', ['dredging', 'maritime']],
  ['Leiedal Water Technologies (demo)', 'Kortrijk', ['water management', 'cleantech']],
  ['Kempen Circular Plastics (demo)', 'Geel', ['circular economy', 'recycling']],
  ['Brugse Kaai Engineering (demo)', 'Bruges', ['port infrastructure', 'engineering']],
  ['Dijle Smart City Solutions (demo)', 'Leuven', ['smart cities', 'digital']],
  ['Zennevallei Solar Systems (demo)', 'Halle', ['renewable energy', 'cleantech']],
  ['Waasland Cold Chain (demo)', 'Sint-Niklaas', ['cold chain logistics', 'agrifood']],
  ['Meetjesland Flood Defence (demo)', 'Eeklo', ['flood protection', 'water management']],
  ['Mechelen Data Logistics (demo)', 'Mechelen', ['smart logistics', 'digital']],
  ['Westhoek Restoration Works (demo)', 'Ypres', ['heritage renovation', 'construction']],
  ['Limburg Battery Works (demo)', 'Genk', ['energy storage', 'energy transition']],
  ['Denderstreek Textile Recycling (demo)', 'Aalst', ['circular economy', 'textiles']],
  ['Gentse Haven Automation (demo)', 'Ghent', ['port automation', 'digital']],
  ['Ostend Offshore Wind Services (demo)', 'Ostend', ['offshore wind', 'maritime']],
  ['Nete Environmental Consultants (demo)', 'Lier', ['environmental consulting', 'resilient cities']],
  ['Hasselt Mobility Labs (demo)', 'Hasselt', ['urban mobility', 'smart cities']],
  ['Turnhout Packaging Innovations (demo)', 'Turnhout', ['sustainable packaging', 'circular economy']],
  ['Roeselare Food Processing Equipment (demo)', 'Roeselare', ['agrifood', 'machinery']],
  ['Aarschot Air Quality Sensors (demo)', 'Aarschot', ['environmental monitoring', 'smart cities']],
  ['Vilvoorde Inland Shipping (demo)', 'Vilvoorde', ['inland waterways', 'ports & logistics']],
  ['Schelde Green Building Materials (demo)', 'Temse', ['green construction', 'resilient cities']],
  ['Boom Waste-to-Energy (demo)', 'Boom', ['waste management', 'energy transition']],
  ['Diest Drone Inspections (demo)', 'Diest', ['infrastructure inspection', 'digital']],
  ['Tienen Biobased Chemicals (demo)', 'Tienen', ['biobased chemicals', 'cleantech']],
  ['Zeebrugge Ship Emissions Control (demo)', 'Bruges', ['green shipping', 'maritime']],
  ['Lommel Hydrogen Systems (demo)', 'Lommel', ['hydrogen', 'energy transition']],
];

const flemishCompanies = delegationCompanies(FLEMISH_COMPANY_SPECS);

// ---------------------------------------------------------------------------
// Synthetic Vietnamese counterpart companies for the B2B meetings, by city.

const VN_COMPANY_SPECS: CounterpartSpecs = {
  Hanoi: [
    ['Red River Freight JSC (demo)', ['ports & logistics']],
    ['Thang Long Water Works (demo)', ['water management']],
    ['Hoan Kiem Digital Solutions (demo)', ['digital', 'smart cities']],
    ['Capital Green Energy JSC (demo)', ['renewable energy']],
    ['Northern Recycling Co. (demo)', ['circular economy']],
    ['Hanoi Urban Transit Consulting (demo)', ['urban mobility']],
    ['Long Bien Engineering JSC (demo)', ['port infrastructure']],
    ['Ba Dinh Air Monitoring (demo)', ['environmental monitoring']],
  ],
  Haiphong: [
    ['Haiphong Container Services (demo)', ['ports & logistics']],
    ['Cat Hai Port Engineering (demo)', ['port infrastructure']],
    ['Do Son Shipping Agency (demo)', ['maritime']],
    ['Haiphong Industrial Estates (demo)', ['construction']],
    ['Bach Dang Dredging Co. (demo)', ['dredging']],
    ['Haiphong Cold Storage JSC (demo)', ['cold chain logistics']],
    ['Haiphong Green Shipping (demo)', ['green shipping']],
  ],
  'Ha Long': [
    ['Ha Long Bay Environmental Services (demo)', ['environmental consulting']],
    ['Quang Ninh Coastal Works (demo)', ['flood protection']],
    ['Bamboo Port Logistics (demo)', ['ports & logistics']],
    ['Quang Ninh Renewable Power (demo)', ['energy transition']],
    ['Quang Ninh Water Supply JSC (demo)', ['water management']],
    ['Ha Long Green Building Co. (demo)', ['green construction']],
  ],
  'Ho Chi Minh City': [
    ['Saigon River Logistics (demo)', ['ports & logistics']],
    ['Mekong Delta Water Solutions (demo)', ['water management']],
    ['Ben Thanh Construction JSC (demo)', ['construction']],
    ['Thu Duc Smart City Tech (demo)', ['smart cities', 'digital']],
    ['Southern Circular Materials (demo)', ['circular economy']],
    ['Saigon Solar Energy JSC (demo)', ['renewable energy']],
    ['Lotus Terminal Services (demo)', ['port automation']],
    ['Saigon Heritage Builders (demo)', ['heritage renovation']],
    ['Saigon Agrifood Trading (demo)', ['agrifood']],
    ['Southern Hydrogen Ventures (demo)', ['hydrogen']],
  ],
};

const vietnameseCompanies = counterpartCompanies(VN_COMPANY_SPECS, 'VN');

// ---------------------------------------------------------------------------
// Contacts. Real people only where the source names them; otherwise the office.

const realContacts: DemoContact[] = [
  {
    key: 'contact-jambon',
    organisationKey: 'org-flemish-government',
    name: 'Jan Jambon',
    role: 'Minister-President of the Flemish Government; Flemish Minister for Foreign Affairs, Culture, Digitalisation and Facilities Management',
    synthetic: false,
  },
  {
    key: 'contact-bourgeois',
    organisationKey: 'org-flemish-government',
    name: 'Geert Bourgeois',
    role: 'Former Minister-President of the Flemish Government',
    synthetic: false,
  },
  {
    key: 'contact-pham-minh-chinh',
    organisationKey: 'org-gov-vn',
    name: 'Pham Minh Chinh',
    role: 'Prime Minister of Vietnam',
    synthetic: false,
  },
  {
    key: 'contact-deputy-pm-vn',
    organisationKey: 'org-gov-vn',
    name: 'Deputy Prime Minister of Vietnam',
    role: 'Deputy Prime Minister',
    synthetic: false,
  },
  {
    key: 'contact-mofa-minister',
    organisationKey: 'org-mofa-vn',
    name: 'Minister of Foreign Affairs',
    role: 'Minister of Foreign Affairs of Vietnam',
    synthetic: false,
  },
  {
    key: 'contact-mot-vice-minister',
    organisationKey: 'org-mot-vn',
    name: 'Vice-Minister of Transport',
    role: 'Vice-Minister of Transport of Vietnam',
    synthetic: false,
  },
  {
    key: 'contact-mow-secretary-general',
    organisationKey: 'org-mow',
    name: 'Secretary-General of MOW',
    role: 'Secretary-General, Department of Mobility and Public Works',
    synthetic: false,
  },
];

const fitContacts: DemoContact[] = [
  {
    key: 'contact-fit-els',
    organisationKey: 'org-fit',
    name: 'Els Vermeulen',
    role: 'Mission coordinator',
    email: 'els.vermeulen@fit.example',
    synthetic: true,
  },
  {
    key: 'contact-fit-tom',
    organisationKey: 'org-fit',
    name: 'Tom Peeters',
    role: 'Trade officer, Ho Chi Minh City',
    email: 'tom.peeters@fit.example',
    synthetic: true,
  },
];

const flemishDelegates = delegatesOf(flemishCompanies);
const vietnameseContacts = counterpartContactsOf(vietnameseCompanies);

// ---------------------------------------------------------------------------
// Missions.

const missions: DemoMission[] = [
  {
    // Not in the source beyond "2018, led by Geert Bourgeois"; dates and cities
    // from press coverage at the time (13–18 May 2018, Hanoi and Ho Chi Minh City).
    key: MISSION_2018,
    code: 'VN-2018',
    title: 'Economic mission to Vietnam 2018',
    type: 'economic_mission',
    hostCountries: ['VN'],
    cities: ['Hanoi', 'Ho Chi Minh City'],
    startDate: '2018-05-13',
    endDate: '2018-05-18',
    timeZone: 'Asia/Ho_Chi_Minh',
    leaderContactKey: 'contact-bourgeois',
    organiser: 'Flanders Investment & Trade',
    theme: '45 years of diplomatic relations Vietnam–Belgium',
    focusSectors: [],
    status: 'completed',
    description: 'Earlier Flemish economic mission to Vietnam; it laid the political contacts the 2023 mission built on.',
  },
  {
    key: MISSION_2023,
    code: REFERENCE_MISSION_CODE,
    title: 'Economic mission to Vietnam 2023',
    type: 'economic_mission',
    hostCountries: ['VN'],
    cities: ['Hanoi', 'Haiphong', 'Ha Long', 'Ho Chi Minh City'],
    startDate: '2023-09-11',
    endDate: '2023-09-16',
    timeZone: 'Asia/Ho_Chi_Minh',
    leaderContactKey: 'contact-jambon',
    ownerUserKey: 'user-els',
    organiser: 'Flanders Investment & Trade',
    theme: '50 years of diplomatic relations Vietnam–Belgium',
    focusSectors: ['sustainable trade & logistics', 'resilient cities'],
    status: 'completed',
    previousMissionKey: MISSION_2018,
    description:
      'Thirty Flemish companies with the Minister-President in Hanoi, Haiphong, Quang Ninh province (Ha Long) and Ho Chi Minh City: ' +
      'talks with the Prime Minister and ministers, four People’s Committees, two FIT seminars, an economic forum and over 250 B2B meetings. ' +
      'Meeting days and hours in this demo set are illustrative; the source gives only the mission dates.',
  },
];

// ---------------------------------------------------------------------------
// Participants: the 3 real companies and the 27 synthetic ones.

const participatingCompanies: DemoOrganisation[] = [...REAL_PARTICIPANT_KEYS.map((key) => realOrganisations.find((o) => o.key === key)!), ...flemishCompanies];

const REAL_OBJECTIVES: Record<string, string> = {
  'org-nxtport': 'Formalise cooperation with Vinamarine on port and logistics data (MoU signed during the mission).',
  'org-camco': 'Formalise cooperation with Vinamarine on port automation (MoU signed during the mission).',
  'org-monument': 'Show its restoration work on the Notre Dame cathedral in Ho Chi Minh City.',
};

const participants = delegationOf(MISSION_2023, participatingCompanies, flemishDelegates, REAL_OBJECTIVES);

// ---------------------------------------------------------------------------
// Meetings.

const DELEGATION_LEAD = ['org-flemish-government', 'org-fit'];
const LOGISTICS_COMPANIES = ['org-nxtport', 'org-camco', 'org-be-polderhaven-logistics', 'org-be-gentse-haven-automation', 'org-be-vilvoorde-inland-shipping'];
const CITY_COMPANIES = ['org-be-dijle-smart-city-solutions', 'org-be-hasselt-mobility-labs', 'org-be-nete-environmental-consultants'];
const CLEANTECH_COMPANIES = [
  'org-be-kempen-circular-plastics',
  'org-be-leiedal-water-technologies',
  'org-be-boom-waste-to-energy',
  'org-be-tienen-biobased-chemicals',
];

type OfficialMeeting = Omit<DemoMeeting, 'missionKey' | 'synthetic' | 'counterpartContactKeys' | 'contactKeys'> &
  Partial<Pick<DemoMeeting, 'counterpartContactKeys' | 'contactKeys'>>;

const OFFICIAL_MEETINGS: OfficialMeeting[] = [
  {
    key: 'meeting-pc-hanoi',
    kind: 'official',
    title: "Reception by the People's Committee of Hanoi",
    startsAt: vietnamTime(11, 15),
    endsAt: vietnamTime(11, 16),
    location: 'Hanoi',
    organisationKeys: [...DELEGATION_LEAD, ...CITY_COMPANIES],
    counterpartOrganisationKeys: ['org-pc-hanoi'],
    topics: ['urban development', 'resilient cities'],
    summary: 'City authorities received the Minister-President; companies of the delegation took part.',
  },
  {
    key: 'meeting-mofa',
    kind: 'official',
    title: 'Meeting with the Minister of Foreign Affairs',
    startsAt: vietnamTime(12, 9),
    endsAt: vietnamTime(12, 10),
    location: 'Hanoi',
    organisationKeys: [...DELEGATION_LEAD, 'org-chancellery'],
    counterpartOrganisationKeys: ['org-mofa-vn'],
    counterpartContactKeys: ['contact-mofa-minister'],
    topics: ['bilateral relations', '50 years of diplomatic relations'],
  },
  {
    key: 'meeting-prime-minister',
    kind: 'official',
    title: 'Meeting with Prime Minister Pham Minh Chinh',
    startsAt: vietnamTime(12, 11),
    endsAt: vietnamTime(12, 12),
    location: 'Hanoi',
    organisationKeys: [...DELEGATION_LEAD, 'org-chancellery'],
    counterpartOrganisationKeys: ['org-gov-vn'],
    counterpartContactKeys: ['contact-pham-minh-chinh'],
    topics: ['port management and infrastructure', 'smart logistics', 'cleantech', 'circular economy', 'climate agenda'],
    summary:
      'Constructive talk that continued the contact made at a working lunch in Brussels (De Warande) late 2022 and the 2018 mission. ' +
      'Both sides stressed their shared maritime profile and the room for cooperation on ports, logistics and cleantech.',
    outcome: 'The Prime Minister asked to deepen cooperation with both central and regional Vietnamese authorities.',
  },
  {
    key: 'meeting-transport',
    kind: 'official',
    title: 'Meeting with the (Vice-)Minister of Transport',
    startsAt: vietnamTime(12, 15),
    endsAt: vietnamTime(12, 16),
    location: 'Ministry of Transport, Hanoi',
    organisationKeys: [...DELEGATION_LEAD, 'org-chancellery', ...LOGISTICS_COMPANIES],
    counterpartOrganisationKeys: ['org-mot-vn', 'org-vinamarine'],
    counterpartContactKeys: ['contact-mot-vice-minister'],
    topics: ['bilateral cooperation', 'water management', 'transport', 'ports', 'training of Vietnamese experts at APEC'],
    summary:
      'Built on the long-standing cooperation, including the MOW MoU running since 1995. ' +
      'The talk stayed on bilateral matters; China and its port investments were not raised.',
    outcome:
      'The vice-minister asked for deeper cooperation and valued the APEC training offer. ' +
      'Right after the meeting, Vinamarine and the Department of Chancellery and Foreign Affairs signed a new MoU.',
  },
  {
    key: 'meeting-seminar-ports',
    kind: 'seminar',
    title: 'FIT seminar: port management and smart logistics',
    startsAt: vietnamTime(13, 9),
    endsAt: vietnamTime(13, 12),
    location: 'Haiphong',
    organisationKeys: ['org-fit', ...LOGISTICS_COMPANIES, 'org-be-brugse-kaai-engineering', 'org-be-scheldemond-dredging-services'],
    counterpartOrganisationKeys: [],
    contactKeys: ['contact-fit-els'],
    topics: ['port management', 'port infrastructure', 'smart logistics'],
    attendeeCount: 101,
    summary: 'One of the two FIT seminars of the mission; more than 100 attendees (the source gives no exact figure).',
  },
  {
    key: 'meeting-pc-haiphong',
    kind: 'official',
    title: "Reception by the People's Committee of Haiphong",
    startsAt: vietnamTime(13, 14),
    endsAt: vietnamTime(13, 15),
    location: 'Haiphong',
    organisationKeys: [...DELEGATION_LEAD, ...LOGISTICS_COMPANIES],
    counterpartOrganisationKeys: ['org-pc-haiphong'],
    topics: ['ports', 'logistics'],
    summary: 'City authorities received the Minister-President; companies of the delegation took part.',
  },
  {
    key: 'meeting-pc-quang-ninh',
    kind: 'official',
    title: "Reception by the People's Committee of Quang Ninh Province",
    startsAt: vietnamTime(14, 10),
    endsAt: vietnamTime(14, 11),
    location: 'Ha Long, Quang Ninh',
    organisationKeys: [...DELEGATION_LEAD, 'org-be-meetjesland-flood-defence', 'org-be-ostend-offshore-wind-services', ...CITY_COMPANIES],
    counterpartOrganisationKeys: ['org-pc-quang-ninh'],
    topics: ['resilient cities', 'coastal protection', 'energy transition'],
    summary: 'Provincial authorities received the Minister-President; companies of the delegation took part.',
  },
  {
    key: 'meeting-economic-forum',
    kind: 'forum',
    title: 'HCMC Economic Forum',
    startsAt: vietnamTime(15, 8, 30),
    endsAt: vietnamTime(15, 12),
    location: 'Ho Chi Minh City',
    organisationKeys: DELEGATION_LEAD,
    counterpartOrganisationKeys: ['org-gov-vn'],
    counterpartContactKeys: ['contact-deputy-pm-vn'],
    topics: ['economic cooperation', 'sustainable trade & logistics', 'resilient cities'],
    summary: 'The Minister-President gave the opening speech, with the Deputy Prime Minister of Vietnam present.',
  },
  {
    key: 'meeting-seminar-cleantech',
    kind: 'seminar',
    title: 'FIT seminar: cleantech and circular economy',
    startsAt: vietnamTime(15, 14),
    endsAt: vietnamTime(15, 16),
    location: 'Ho Chi Minh City',
    organisationKeys: ['org-fit', ...CLEANTECH_COMPANIES, 'org-be-zennevallei-solar-systems', 'org-be-lommel-hydrogen-systems'],
    counterpartOrganisationKeys: [],
    contactKeys: ['contact-fit-tom'],
    topics: ['cleantech', 'circular economy', 'climate agenda'],
    attendeeCount: 101,
    summary: 'One of the two FIT seminars of the mission; more than 100 attendees (the source gives no exact figure).',
  },
  {
    key: 'meeting-pc-hcmc',
    kind: 'official',
    title: "Reception by the People's Committee of Ho Chi Minh City",
    startsAt: vietnamTime(15, 16, 30),
    endsAt: vietnamTime(15, 17, 30),
    location: 'Ho Chi Minh City',
    organisationKeys: [...DELEGATION_LEAD, ...CITY_COMPANIES, 'org-monument'],
    counterpartOrganisationKeys: ['org-pc-hcmc'],
    topics: ['resilient cities', 'urban development'],
    summary: 'City authorities received the Minister-President; companies of the delegation took part.',
  },
  {
    key: 'meeting-hcmue',
    kind: 'official',
    title: 'Visit to the Ho Chi Minh City University of Education with VVOB',
    startsAt: vietnamTime(16, 9),
    endsAt: vietnamTime(16, 10, 30),
    location: 'Ho Chi Minh City University of Education',
    organisationKeys: ['org-flemish-government', 'org-vvob'],
    counterpartOrganisationKeys: ['org-hcmue'],
    topics: ['education', 'Process-Oriented Child Monitoring (KU Leuven)'],
    summary:
      'How Flemish innovation supports Vietnamese education, in particular Process-Oriented Child Monitoring, ' +
      'a KU Leuven method that follows children’s learning closely in the classroom.',
  },
  {
    key: 'meeting-notre-dame',
    kind: 'site_visit',
    title: 'Site visit: Notre Dame cathedral, Ho Chi Minh City',
    startsAt: vietnamTime(16, 11),
    endsAt: vietnamTime(16, 12),
    location: 'Notre Dame cathedral, Ho Chi Minh City',
    organisationKeys: ['org-flemish-government', 'org-monument'],
    counterpartOrganisationKeys: [],
    topics: ['heritage renovation'],
    summary:
      'The cathedral is undergoing a full renovation by the Flemish group Monument: Flemish heritage craft applied in a demanding South-East Asian climate.',
  },
];

const officialMeetings: DemoMeeting[] = OFFICIAL_MEETINGS.map((m) => ({
  ...m,
  missionKey: MISSION_2023,
  contactKeys: m.contactKeys ?? (m.organisationKeys.includes('org-flemish-government') ? ['contact-jambon'] : []),
  counterpartContactKeys: m.counterpartContactKeys ?? [],
  synthetic: false,
}));

const b2bMeetings = scheduleB2bMeetings(MISSION_2023, {
  companies: flemishCompanies,
  delegates: flemishDelegates,
  counterparts: vietnameseCompanies,
  counterpartContacts: vietnameseContacts,
});

// ---------------------------------------------------------------------------
// Agreements.

const agreements: DemoAgreement[] = [
  {
    key: 'agreement-mou-vinamarine-chancellery',
    type: 'mou',
    title: 'MoU Vinamarine – Flemish Department of Chancellery and Foreign Affairs',
    partyKeys: ['org-vinamarine', 'org-chancellery'],
    missionKey: MISSION_2023,
    meetingKey: 'meeting-transport',
    signedOn: '2023-09-12',
    themes: ['maritime cooperation', 'ports'],
    status: 'signed',
  },
  {
    key: 'agreement-mou-nxtport-camco-vinamarine',
    type: 'mou',
    title: 'MoU NXTPORT International and CamCO Technologies – Vinamarine',
    partyKeys: ['org-nxtport', 'org-camco', 'org-vinamarine'],
    missionKey: MISSION_2023,
    signedOn: '2023-09-12',
    themes: ['smart logistics', 'port technology'],
    status: 'signed',
  },
  {
    // The source says only "since 1995"; the day and month are a placeholder.
    key: 'agreement-mou-mow-1995',
    type: 'mou',
    title: 'MoU MOW – Vietnamese counterpart (since 1995)',
    partyKeys: ['org-mow', 'org-mow-counterpart-vn'],
    themes: ['water management', 'transport', 'ports'],
    status: 'in_force',
    validFrom: '1995-01-01',
  },
  {
    key: 'agreement-loi-mow-mot-2023',
    type: 'loi',
    title: 'Letter of intent MOW – Vietnamese Ministry of Transport',
    partyKeys: ['org-mow', 'org-mot-vn'],
    missionKey: MISSION_2023,
    themes: ['greenhouse-gas reduction', 'energy transition'],
    status: 'planned',
  },
];

// ---------------------------------------------------------------------------
// Follow-up actions.

const referenceActions: DemoAction[] = [
  {
    key: 'action-mow-mrc-visit',
    title: 'MOW visit to Vietnam for the Mekong River Commission',
    kind: 'visit',
    description: 'MOW travels to Vietnam in the framework of the Mekong River Commission.',
    missionKey: MISSION_2023,
    organisationKeys: ['org-mow', 'org-mrc'],
    ownerUserKey: 'user-els',
    watcherUserKeys: ['user-tom'],
    status: 'open',
    dueLabel: 'early November 2023',
  },
  {
    key: 'action-loi-signing',
    title: 'MOW secretary-general signs the letter of intent with the Ministry of Transport',
    kind: 'signing',
    description: 'New letter of intent on greenhouse-gas reduction and energy transition, signed in Vietnam.',
    missionKey: MISSION_2023,
    agreementKey: 'agreement-loi-mow-mot-2023',
    meetingKey: 'meeting-transport',
    organisationKeys: ['org-mow', 'org-mot-vn'],
    ownerUserKey: 'user-els',
    watcherUserKeys: ['user-tom', 'user-viewer'],
    status: 'open',
    dueLabel: 'November 2023',
  },
  {
    key: 'action-goose-mission',
    title: 'Mission to Vietnam for the EU project GOOSE',
    kind: 'mission',
    description: 'Planned mission in the framework of GOOSE (access to public procurement outside the EU).',
    missionKey: MISSION_2023,
    organisationKeys: ['org-fit', 'org-goose'],
    ownerUserKey: 'user-tom',
    watcherUserKeys: ['user-els'],
    status: 'open',
    dueLabel: 'March 2024',
  },
  {
    key: 'action-state-visit',
    title: 'State visit to Vietnam',
    kind: 'state_visit',
    description: 'Belgian state visit to Vietnam, to build further on the results of this mission.',
    missionKey: MISSION_2023,
    organisationKeys: ['org-gov-vn'],
    ownerUserKey: 'user-els',
    watcherUserKeys: ['user-admin', 'user-tom'],
    status: 'open',
    dueLabel: 'autumn 2024',
  },
];

const fitFollowUpActions: DemoAction[] = [
  {
    key: 'action-webinars',
    title: 'Webinars on business opportunities in Vietnam',
    kind: 'webinar',
    description: 'Regular FIT follow-up: webinars for the participants and other interested companies.',
    missionKey: MISSION_2023,
    organisationKeys: ['org-fit'],
    ownerUserKey: 'user-tom',
    watcherUserKeys: ['user-els'],
    status: 'in_progress',
    dueLabel: '2023-Q4',
  },
  {
    key: 'action-info-sessions',
    title: 'Info sessions on the Vietnamese market',
    kind: 'info_session',
    description: 'Regular FIT follow-up: info sessions in Flanders on the sectors of the mission.',
    missionKey: MISSION_2023,
    organisationKeys: ['org-fit'],
    ownerUserKey: 'user-els',
    watcherUserKeys: ['user-tom'],
    status: 'open',
    dueLabel: '2024-Q1',
  },
  {
    key: 'action-satisfaction-survey',
    title: 'Satisfaction survey of the participating companies',
    kind: 'survey',
    description: 'Survey sent after the mission; all feedback received was positive.',
    missionKey: MISSION_2023,
    organisationKeys: participatingCompanies.map((c) => c.key),
    ownerUserKey: 'user-els',
    watcherUserKeys: ['user-admin'],
    status: 'done',
    // Invented: the source says FIT held the survey after the mission and cites its results in the
    // answer to the question of 22 September 2023; the scores are recorded on 20 September (seed.ts).
    completedOn: '2023-09-20',
    dueLabel: 'September 2023',
  },
  {
    key: 'action-parliamentary-answer',
    title: 'Input for the answer to parliamentary question no. 434',
    kind: 'report',
    description: 'Mission results for the written question of 22 September 2023 on the mission.',
    missionKey: MISSION_2023,
    organisationKeys: ['org-chancellery'],
    ownerUserKey: 'user-admin',
    watcherUserKeys: ['user-els'],
    status: 'done',
    // Invented: the question is of 22 September 2023; the source does not date the answer.
    completedOn: '2023-10-06',
  },
];

/** FIT's individual follow-up appointment with each participating company. */
const companyFollowUps = followUpsOf(MISSION_2023, participatingCompanies, ['user-tom', 'user-els']);

// ---------------------------------------------------------------------------

export const REFERENCE_MISSION: DemoDataSet = {
  users,
  organisations: [...realOrganisations, ...flemishCompanies, ...vietnameseCompanies],
  contacts: [...realContacts, ...fitContacts, ...flemishDelegates, ...vietnameseContacts],
  missions,
  participants,
  meetings: [...officialMeetings, ...b2bMeetings],
  agreements,
  actions: [...referenceActions, ...fitFollowUpActions, ...companyFollowUps],
};

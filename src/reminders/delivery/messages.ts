import type { ActionStatus } from '../../actions/action.entity.js';
import { describeDueWindow, type DuePrecision } from '../../actions/due/due-window.js';
import type { ReminderKind } from '../reminder.entity.js';
import type { Language } from '../../users/user.entity.js';

/**
 * The e-mails of the reminder engine: pure rendering of plain text and HTML, in the recipient's
 * language. Every value is HTML-escaped; the HTML uses inline styles only, so it shows the same in
 * every mail client and loads nothing from outside.
 */

export interface MessageAction {
  id: string;
  title: string;
  status: ActionStatus;
  dueFrom: string | null;
  dueTo: string | null;
  duePrecision: DuePrecision | null;
  dueLabel: string | null;
  missionCode: string;
  missionTitle: string;
  ownerName: string | null;
}

export interface MessageRecipient {
  name: string;
  language: Language;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

export type ActionMessageKind = Exclude<ReminderKind, 'digest'>;

export interface ActionMessageOptions {
  actionUrl: string;
  /** The n-th overdue reminder (1 is the first); from the second one on, the message says which one it is. */
  occurrence?: number;
  /** Who made the recipient the owner; null or absent when nobody is named. */
  assignedByName?: string | null;
  /** How many days ago the due window closed, in the recipient's calendar (overdue reminders and escalations). */
  daysOverdue?: number;
}

/** Titles are free text of up to 300 characters; a subject line stays readable in an inbox. */
const MAX_SUBJECT_TITLE = 80;

// ---------------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------------

interface KindContext {
  title: string;
  due: string;
  missionCode: string;
  ownerName: string | null;
  assignedByName: string | null;
  /** Only set from the second overdue reminder on. */
  repeat: number | null;
  /** "3 days", "2 weeks", in the reader's language; null when not known. */
  late: string | null;
}

/** How long overdue, in days up to two weeks, then in whole weeks. */
function lateWords(days: number | undefined, language: Language): string | null {
  if (days === undefined || days < 1) return null;
  const weeks = Math.floor(days / 7);
  if (language === 'nl') return days < 14 ? `${days} ${days === 1 ? 'dag' : 'dagen'}` : `${weeks} weken`;
  return days < 14 ? `${days} ${days === 1 ? 'day' : 'days'}` : `${weeks} weeks`;
}

interface KindWords {
  subject: (c: KindContext) => string;
  intro: (c: KindContext) => string[];
  /** The recipient owns the action: no need to name the owner. */
  toOwner: boolean;
}

interface Words {
  greeting: (name: string) => string;
  status: Record<ActionStatus, string>;
  field: { action: string; mission: string; due: string; status: string; owner: string };
  noDue: string;
  noOwner: string;
  openAction: string;
  footer: { action: string; mission: (code: string) => string };
  kinds: Record<ActionMessageKind, KindWords>;
  digest: {
    tag: string;
    intro: (day: string) => string;
    overdue: string;
    dueSoon: string;
    count: { overdue: (n: number) => string; dueSoon: (n: number) => string; nothing: string };
    nothing: string;
    due: (due: string) => string;
    owner: (name: string) => string;
    footer: string;
  };
}

const englishOrdinal = (n: number): string => {
  const lastTwo = n % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
};

const WORDS: Readonly<Record<Language, Words>> = {
  en: {
    greeting: (name) => `Hello ${name},`,
    status: { open: 'open', in_progress: 'in progress', done: 'done', cancelled: 'cancelled', postponed: 'postponed' },
    field: { action: 'Action', mission: 'Mission', due: 'Due', status: 'Status', owner: 'Owner' },
    noDue: 'no due date yet',
    noOwner: 'nobody yet',
    openAction: 'Open the action',
    footer: {
      action: 'You receive this e-mail from mission-crm because you own or follow this action.',
      mission: (code) => `You receive this e-mail from mission-crm because you are the officer responsible for ${code}.`,
    },
    kinds: {
      assignment: {
        toOwner: true,
        subject: (c) => `New action for you: ${c.title}`,
        intro: (c) => [
          c.assignedByName ? `${c.assignedByName} gave you a follow-up action.` : 'You were made owner of a follow-up action.',
          `It is due ${c.due}.`,
        ],
      },
      heads_up: {
        toOwner: false,
        subject: (c) => `Coming up: ${c.title}`,
        intro: (c) => [`This follow-up action is planned for ${c.due}. A good moment to prepare it.`],
      },
      due_soon: {
        toOwner: false,
        subject: (c) => `Due soon: ${c.title}`,
        intro: (c) => [`This follow-up action is due soon (${c.due}). Finish it, or update its status or due date.`],
      },
      due: {
        toOwner: false,
        subject: (c) => `Due now: ${c.title}`,
        intro: (c) => [`This follow-up action is due now (${c.due}). Finish it, or update its status or due date.`],
      },
      overdue: {
        toOwner: false,
        subject: (c) => (c.repeat ? `Overdue (${englishOrdinal(c.repeat)} reminder): ${c.title}` : `Overdue: ${c.title}`),
        intro: (c) => [
          `This follow-up action is overdue${c.late ? ` by ${c.late}` : ''}: it was due ${c.due}. Finish it, or update its status or due date.`,
          ...(c.repeat ? [`This is the ${englishOrdinal(c.repeat)} reminder.`] : []),
        ],
      },
      escalation: {
        toOwner: false,
        subject: (c) => `Escalation: ${c.title} is overdue`,
        intro: (c) => [
          `${c.ownerName ? `The action of ${c.ownerName}` : 'An action without an owner'} is overdue${c.late ? ` by ${c.late}` : ''}: it was due ${c.due}.`,
          `As the officer responsible for ${c.missionCode}, you may want to follow it up.`,
        ],
      },
    },
    digest: {
      tag: 'mission-crm',
      intro: (day) => `Your follow-up actions on ${day}.`,
      overdue: 'Overdue',
      dueSoon: 'Due soon',
      count: { overdue: (n) => `${n} overdue`, dueSoon: (n) => `${n} due soon`, nothing: 'nothing due' },
      nothing: 'Nothing is overdue or due soon.',
      due: (due) => `due ${due}`,
      owner: (name) => `owner ${name}`,
      footer: 'You receive this daily overview from mission-crm because you chose a digest instead of separate reminders.',
    },
  },
  nl: {
    greeting: (name) => `Dag ${name},`,
    status: { open: 'open', in_progress: 'in uitvoering', done: 'afgerond', cancelled: 'geannuleerd', postponed: 'uitgesteld' },
    field: { action: 'Actie', mission: 'Missie', due: 'Termijn', status: 'Status', owner: 'Eigenaar' },
    noDue: 'nog geen termijn',
    noOwner: 'nog niemand',
    openAction: 'Open de actie',
    footer: {
      action: 'Je krijgt deze e-mail van mission-crm omdat je eigenaar bent van deze actie of ze volgt.',
      mission: (code) => `Je krijgt deze e-mail van mission-crm omdat je verantwoordelijk bent voor ${code}.`,
    },
    kinds: {
      assignment: {
        toOwner: true,
        subject: (c) => `Nieuwe actie voor jou: ${c.title}`,
        intro: (c) => [
          c.assignedByName ? `${c.assignedByName} gaf je een opvolgactie.` : 'Je bent eigenaar geworden van een opvolgactie.',
          `Ze is voorzien voor ${c.due}.`,
        ],
      },
      heads_up: {
        toOwner: false,
        subject: (c) => `Binnenkort: ${c.title}`,
        intro: (c) => [`Deze opvolgactie is voorzien voor ${c.due}. Een goed moment om ze voor te bereiden.`],
      },
      due_soon: {
        toOwner: false,
        subject: (c) => `Deadline nadert: ${c.title}`,
        intro: (c) => [`De termijn van deze opvolgactie loopt bijna af (${c.due}). Rond ze af, of pas de status of de termijn aan.`],
      },
      due: {
        toOwner: false,
        subject: (c) => `Nu te doen: ${c.title}`,
        intro: (c) => [`Deze opvolgactie is nu aan de beurt (${c.due}). Rond ze af, of pas de status of de termijn aan.`],
      },
      overdue: {
        toOwner: false,
        subject: (c) => (c.repeat ? `Te laat (${c.repeat}e herinnering): ${c.title}` : `Te laat: ${c.title}`),
        intro: (c) => [
          `Deze opvolgactie is ${c.late ? `${c.late} ` : ''}te laat: ze was voorzien voor ${c.due}. Rond ze af, of pas de status of de termijn aan.`,
          ...(c.repeat ? [`Dit is de ${c.repeat}e herinnering.`] : []),
        ],
      },
      escalation: {
        toOwner: false,
        subject: (c) => `Escalatie: ${c.title} is te laat`,
        intro: (c) => [
          `${c.ownerName ? `De actie van ${c.ownerName}` : 'Een actie zonder eigenaar'} is ${c.late ? `${c.late} ` : ''}te laat: ze was voorzien voor ${c.due}.`,
          `Als verantwoordelijke voor ${c.missionCode} kan je ze best mee opvolgen.`,
        ],
      },
    },
    digest: {
      tag: 'mission-crm',
      intro: (day) => `Je opvolgacties op ${day}.`,
      overdue: 'Te laat',
      dueSoon: 'Deadline nadert',
      count: { overdue: (n) => `${n} te laat`, dueSoon: (n) => `${n} binnenkort`, nothing: 'niets te doen' },
      nothing: 'Er is niets te laat en niets dat binnenkort af moet.',
      due: (due) => `termijn ${due}`,
      owner: (name) => `eigenaar ${name}`,
      footer: 'Je krijgt dit dagelijkse overzicht van mission-crm omdat je koos voor een overzicht in plaats van aparte herinneringen.',
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

/** Free text on one line: a line break in a title must not break a header or a list line. */
function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function shorten(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1).trimEnd()}…`;
}

function dueWords(action: MessageAction, words: Words, language: Language): string {
  const { dueFrom, dueTo, duePrecision, dueLabel } = action;
  if (dueFrom && dueTo && duePrecision) return describeDueWindow({ dueFrom, dueTo, duePrecision, dueLabel }, language);
  return dueLabel?.trim() || words.noDue;
}

function dayWords(day: string, language: Language): string {
  return describeDueWindow({ dueFrom: day, dueTo: day, duePrecision: 'day', dueLabel: null }, language);
}

const STYLE = {
  body: 'margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1f2933;',
  card: 'max-width:600px;margin:0 auto;padding:24px;background:#ffffff;border-radius:6px;',
  th: 'padding:4px 16px 4px 0;text-align:left;vertical-align:top;font-weight:normal;color:#52606d;',
  td: 'padding:4px 0;vertical-align:top;',
  button: 'display:inline-block;padding:10px 18px;background:#0b5cad;color:#ffffff;text-decoration:none;border-radius:4px;',
  h2: 'margin:24px 0 8px;font-size:16px;',
  li: 'margin:0 0 12px;',
  muted: 'color:#52606d;font-size:13px;',
  footer: 'margin-top:24px;color:#7b8794;font-size:12px;',
};

function htmlDocument(language: Language, subject: string, content: string): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="${STYLE.body}"><div style="${STYLE.card}">`,
    content,
    '</div></body></html>',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// One action
// ---------------------------------------------------------------------------------------------

export function renderActionMessage(
  kind: ActionMessageKind,
  action: MessageAction,
  recipient: MessageRecipient,
  options: ActionMessageOptions,
): RenderedMessage {
  const language = recipient.language;
  const words = WORDS[language];
  const kindWords = words.kinds[kind];
  const title = oneLine(action.title);
  const context: KindContext = {
    title,
    due: dueWords(action, words, language),
    missionCode: action.missionCode,
    ownerName: action.ownerName,
    assignedByName: options.assignedByName ?? null,
    repeat: kind === 'overdue' && options.occurrence !== undefined && options.occurrence >= 2 ? options.occurrence : null,
    late: kind === 'overdue' || kind === 'escalation' ? lateWords(options.daysOverdue, language) : null,
  };

  const subject = `[${oneLine(action.missionCode)}] ${kindWords.subject({ ...context, title: shorten(title, MAX_SUBJECT_TITLE) })}`;
  const intro = kindWords.intro(context);
  const details: [string, string][] = [
    [words.field.action, title],
    [words.field.mission, `${action.missionCode} – ${oneLine(action.missionTitle)}`],
    [words.field.due, context.due],
    [words.field.status, words.status[action.status]],
    ...(kindWords.toOwner ? [] : [[words.field.owner, action.ownerName ?? words.noOwner] as [string, string]]),
  ];
  const footer = kind === 'escalation' ? words.footer.mission(action.missionCode) : words.footer.action;

  const width = Math.max(...details.map(([label]) => label.length)) + 2;
  const text = [
    words.greeting(recipient.name),
    '',
    intro.join(' '),
    '',
    ...details.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`),
    '',
    `${words.openAction}: ${options.actionUrl}`,
    '',
    '-- ',
    footer,
    '',
  ].join('\n');

  const html = htmlDocument(
    language,
    subject,
    [
      `<p>${escapeHtml(words.greeting(recipient.name))}</p>`,
      ...intro.map((line) => `<p>${escapeHtml(line)}</p>`),
      '<table role="presentation" style="border-collapse:collapse;margin:16px 0;">',
      ...details.map(([label, value]) => `<tr><th style="${STYLE.th}">${escapeHtml(label)}</th><td style="${STYLE.td}">${escapeHtml(value)}</td></tr>`),
      '</table>',
      `<p><a href="${escapeHtml(options.actionUrl)}" style="${STYLE.button}">${escapeHtml(words.openAction)}</a></p>`,
      `<p style="${STYLE.footer}">${escapeHtml(footer)}</p>`,
    ].join('\n'),
  );

  return { subject, text, html };
}

// ---------------------------------------------------------------------------------------------
// Daily digest
// ---------------------------------------------------------------------------------------------

export function renderDigest(
  recipient: MessageRecipient,
  day: string,
  sections: { dueSoon: MessageAction[]; overdue: MessageAction[] },
  actionUrl: (id: string) => string,
): RenderedMessage {
  const language = recipient.language;
  const words = WORDS[language];
  const d = words.digest;
  const dayText = dayWords(day, language);

  // Overdue first: it is what needs attention most.
  const parts = [
    { heading: d.overdue, actions: sections.overdue },
    { heading: d.dueSoon, actions: sections.dueSoon },
  ].filter((part) => part.actions.length > 0);

  const counts = [
    ...(sections.overdue.length ? [d.count.overdue(sections.overdue.length)] : []),
    ...(sections.dueSoon.length ? [d.count.dueSoon(sections.dueSoon.length)] : []),
  ];
  const subject = `[${d.tag}] ${dayText}: ${counts.length ? counts.join(', ') : d.count.nothing}`;

  const describe = (action: MessageAction): { title: string; meta: string; url: string } => ({
    title: oneLine(action.title),
    meta: [
      `${action.missionCode} – ${oneLine(action.missionTitle)}`,
      d.due(dueWords(action, words, language)),
      words.status[action.status],
      // The recipient's own actions need no owner; the ones they watch do.
      ...(action.ownerName && action.ownerName !== recipient.name ? [d.owner(action.ownerName)] : []),
    ].join(' · '),
    url: actionUrl(action.id),
  });

  const text = [
    words.greeting(recipient.name),
    '',
    d.intro(dayText),
    ...(parts.length ? [] : ['', d.nothing]),
    ...parts.flatMap((part) => [
      '',
      `${part.heading} (${part.actions.length})`,
      ...part.actions.map(describe).flatMap((a) => [`- ${a.title}`, `  ${a.meta}`, `  ${a.url}`]),
    ]),
    '',
    '-- ',
    d.footer,
    '',
  ].join('\n');

  const html = htmlDocument(
    language,
    subject,
    [
      `<p>${escapeHtml(words.greeting(recipient.name))}</p>`,
      `<p>${escapeHtml(d.intro(dayText))}</p>`,
      ...(parts.length ? [] : [`<p>${escapeHtml(d.nothing)}</p>`]),
      ...parts.flatMap((part) => [
        `<h2 style="${STYLE.h2}">${escapeHtml(`${part.heading} (${part.actions.length})`)}</h2>`,
        '<ul style="margin:0;padding-left:20px;">',
        ...part.actions
          .map(describe)
          .map(
            (a) =>
              `<li style="${STYLE.li}"><a href="${escapeHtml(a.url)}" style="color:#0b5cad;">${escapeHtml(a.title)}</a><br><span style="${STYLE.muted}">${escapeHtml(a.meta)}</span></li>`,
          ),
        '</ul>',
      ]),
      `<p style="${STYLE.footer}">${escapeHtml(d.footer)}</p>`,
    ].join('\n'),
  );

  return { subject, text, html };
}

// ---------------------------------------------------------------------------------------------
// Links
// ---------------------------------------------------------------------------------------------

/** The action's page on the dashboard. */
export function actionUrl(publicUrl: string, actionId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/actions/${encodeURIComponent(actionId)}`;
}

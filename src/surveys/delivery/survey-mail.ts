import type { ContactLanguage } from '../../contacts/contact.entity.js';
import type { SurveyMessageKind } from '../survey-message.entity.js';

export interface SurveyMail {
  subject: string;
  text: string;
  html: string;
}

export interface SurveyMailContext {
  contactName: string;
  organisationName: string;
  missionTitle: string;
  closesOn: string;
  link: string;
}

const escapeHtml = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const day = (date: string, language: ContactLanguage): string =>
  new Intl.DateTimeFormat(language === 'nl' ? 'nl-BE' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );

const WORDS = {
  nl: {
    subject: (kind: SurveyMessageKind, mission: string) =>
      kind === 'invitation' ? `Hoe was de ${mission}? Uw mening in twee minuten` : `Herinnering: uw mening over de ${mission}`,
    greeting: (name: string) => `Beste ${name},`,
    body: (kind: SurveyMessageKind, mission: string, organisation: string) =>
      kind === 'invitation'
        ? `U nam met ${organisation} deel aan de ${mission}. Wij horen graag hoe tevreden u bent: een score, een opmerking en twee korte vragen.`
        : `Wij ontvingen nog geen antwoord van ${organisation} op onze tevredenheidsenquête over de ${mission}. Het kost u twee minuten.`,
    action: 'Geef uw mening',
    closes: (date: string) => `De enquête sluit op ${date}. De link is persoonlijk; het laatste antwoord van uw bedrijf voor de sluiting telt.`,
    closing: 'Met vriendelijke groet,\nFlanders Investment & Trade',
  },
  en: {
    subject: (kind: SurveyMessageKind, mission: string) =>
      kind === 'invitation' ? `How was the ${mission}? Two minutes for your opinion` : `Reminder: your opinion on the ${mission}`,
    greeting: (name: string) => `Dear ${name},`,
    body: (kind: SurveyMessageKind, mission: string, organisation: string) =>
      kind === 'invitation'
        ? `You took part in the ${mission} with ${organisation}. We would like to know how satisfied you are: a score, a comment and two short questions.`
        : `We have not yet received an answer from ${organisation} to our satisfaction survey on the ${mission}. It takes two minutes.`,
    action: 'Give your opinion',
    closes: (date: string) => `The survey closes on ${date}. The link is personal; your company's latest answer before closing is the one that counts.`,
    closing: 'Kind regards,\nFlanders Investment & Trade',
  },
} as const;

/** An invitation or reminder in the contact's language, as plain text and HTML (inline styles, nothing loaded). */
export function renderSurveyMail(kind: SurveyMessageKind, language: ContactLanguage, context: SurveyMailContext): SurveyMail {
  const w = WORDS[language];
  const subject = w.subject(kind, context.missionTitle);
  const body = w.body(kind, context.missionTitle, context.organisationName);
  const closes = w.closes(day(context.closesOn, language));
  const text = [w.greeting(context.contactName), '', body, '', `${w.action}: ${context.link}`, '', closes, '', w.closing, ''].join('\n');
  const html = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#111">
<p>${escapeHtml(w.greeting(context.contactName))}</p>
<p>${escapeHtml(body)}</p>
<p><a href="${escapeHtml(context.link)}" style="display:inline-block;padding:10px 16px;background:#1d4f91;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(w.action)}</a></p>
<p style="font-size:13px;color:#444">${escapeHtml(closes)}<br>${escapeHtml(context.link)}</p>
<p>${escapeHtml(w.closing).replace('\n', '<br>')}</p>
</body></html>`;
  return { subject, text, html };
}

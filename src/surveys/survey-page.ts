import type { ContactLanguage } from '../contacts/contact.entity.js';
import type { SurveyFormDto } from './surveys.dto.js';

const escapeHtml = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const WORDS = {
  nl: {
    title: 'Tevredenheidsenquête',
    intro: (name: string, organisation: string, mission: string) => `Beste ${name}, hoe tevreden is ${organisation} over de ${mission}?`,
    closes: (date: string) => `De enquête sluit op ${date}. Het laatste antwoord van uw bedrijf voor de sluiting telt.`,
    yes: 'Ja',
    no: 'Nee',
    noAnswer: 'Geen antwoord',
    submit: 'Verstuur',
    thanks: 'Dank u wel. Uw antwoord is ontvangen; u kunt het tot de sluiting nog aanpassen via dezelfde link.',
    current: (score: number) => `Uw bedrijf gaf tot nu toe een ${score} op 5.`,
    problems: 'Uw antwoord is nog niet verstuurd:',
    gone: 'Deze enquête is gesloten. Bedankt voor uw interesse.',
    unknown: 'Deze link is niet bekend. Gebruik de link uit uw uitnodiging.',
    tooMany: (seconds: number) => `U hebt deze pagina te vaak na elkaar geopend. Probeer het over ${seconds} seconden opnieuw.`,
    field: {
      score: 'Kies een score van 1 tot 5.',
      comment: 'Uw opmerking is te lang: hoogstens 4.000 tekens.',
      wouldJoinAgain: 'Kies ja, nee of geen antwoord bij de vraag of u opnieuw zou deelnemen.',
      b2bUseful: 'Kies ja, nee of geen antwoord bij de vraag of de b2b-gesprekken nuttig waren.',
      other: 'Het formulier bevat een veld dat deze enquête niet kent.',
    },
  },
  en: {
    title: 'Satisfaction survey',
    intro: (name: string, organisation: string, mission: string) => `Dear ${name}, how satisfied is ${organisation} with the ${mission}?`,
    closes: (date: string) => `The survey closes on ${date}. Your company's latest answer before closing is the one that counts.`,
    yes: 'Yes',
    no: 'No',
    noAnswer: 'No answer',
    submit: 'Send',
    thanks: 'Thank you. Your answer has been received; you can change it until closing with the same link.',
    current: (score: number) => `So far your company gave a ${score} out of 5.`,
    problems: 'Your answer has not been sent yet:',
    gone: 'This survey has closed. Thank you for your interest.',
    unknown: 'This link is not known. Please use the link from your invitation.',
    tooMany: (seconds: number) => `You have opened this page too often in a short time. Please try again in ${seconds} seconds.`,
    field: {
      score: 'Choose a score from 1 to 5.',
      comment: 'Your comment is too long: 4,000 characters at most.',
      wouldJoinAgain: 'Choose yes, no or no answer for whether you would take part again.',
      b2bUseful: 'Choose yes, no or no answer for whether the B2B meetings were useful.',
      other: 'The form holds a field this survey does not know.',
    },
  },
} as const;

const STYLE = `body{font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#111;margin:0}
main{max-width:38rem;margin:2rem auto;padding:0 1rem}fieldset{border:1px solid #bbb;margin:1rem 0;padding:.6rem 1rem}
legend{font-weight:bold}label{margin-right:1rem;display:inline-block}textarea{width:100%;min-height:6rem;font:inherit}
button{font:inherit;padding:.5rem 1.2rem}.problems{border-left:4px solid #c00;padding:.3rem .8rem}.done{border-left:4px solid #2a7;padding:.3rem .8rem}`;

function page(language: ContactLanguage, title: string, body: string): string {
  return `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>
${body}
</main></body>
</html>
`;
}

const day = (date: string, language: ContactLanguage): string =>
  new Intl.DateTimeFormat(language === 'nl' ? 'nl-BE' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );

/** The form of a personal link; it posts back to the same address, as a plain HTML form (no scripts). */
export function renderSurveyPage(form: SurveyFormDto, options: { thanks?: boolean; problems?: string[] } = {}): string {
  const w = WORDS[form.language];
  const question = (id: string) => escapeHtml(form.questions.find((q) => q.id === id)?.text ?? id);
  const yesNo = (name: string, value: boolean | null | undefined) =>
    [
      ['true', w.yes, value === true],
      ['false', w.no, value === false],
      ['', w.noAnswer, value === null || value === undefined],
    ]
      .map(
        ([v, label, checked]) =>
          `<label><input type="radio" name="${name}" value="${v as string}"${checked ? ' checked' : ''}> ${escapeHtml(label as string)}</label>`,
      )
      .join('\n');
  const answer = form.answer;
  const scores = [1, 2, 3, 4, 5]
    .map((score) => `<label><input type="radio" name="score" value="${score}" required${answer?.score === score ? ' checked' : ''}> ${score}</label>`)
    .join('\n');
  const notices = [
    options.thanks ? `<p class="done" role="status">${escapeHtml(w.thanks)}</p>` : '',
    options.problems?.length
      ? `<div class="problems" role="alert"><p>${escapeHtml(w.problems)}</p><ul>${options.problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul></div>`
      : '',
    answer && !options.thanks ? `<p>${escapeHtml(w.current(answer.score))}</p>` : '',
  ].join('\n');
  return page(
    form.language,
    `${w.title} — ${form.missionTitle}`,
    `<h1>${escapeHtml(w.title)}</h1>
<p>${escapeHtml(w.intro(form.contactName, form.organisation, form.missionTitle))}</p>
<p>${escapeHtml(w.closes(day(form.closesOn, form.language)))}</p>
${notices}
<form method="post">
<fieldset><legend>${question('score')}</legend>
${scores}
</fieldset>
<fieldset><legend>${question('wouldJoinAgain')}</legend>
${yesNo('wouldJoinAgain', answer?.wouldJoinAgain)}
</fieldset>
<fieldset><legend>${question('b2bUseful')}</legend>
${yesNo('b2bUseful', answer?.b2bUseful)}
</fieldset>
<p><label for="comment">${question('comment')}</label><br>
<textarea id="comment" name="comment" maxlength="4000">${escapeHtml(answer?.comment ?? '')}</textarea></p>
<p><button type="submit">${escapeHtml(w.submit)}</button></p>
</form>`,
  );
}

/** What the page says about a field the validation refused, in the page's language (the API's messages are English). */
export function fieldProblem(field: string, language: ContactLanguage): string {
  const words: Record<string, string> = WORDS[language].field;
  return Object.hasOwn(words, field) ? words[field] : words.other;
}

/**
 * Too many requests from one address: in the reader's language when the browser says it, else in
 * both. Not from the link's contact: looking the token up is what the limit holds back, and a
 * language that showed whether a token exists would help whoever guesses them.
 */
export function renderSurveyTooMany(seconds: number, language?: ContactLanguage): string {
  const languages: ContactLanguage[] = language ? [language] : ['nl', 'en'];
  return page(languages[0], WORDS[languages[0]].title, languages.map((l) => `<p lang="${l}">${escapeHtml(WORDS[l].tooMany(seconds))}</p>`).join('\n'));
}

/** A closed survey or an unknown link, in both languages (an unknown link has no contact to take a language from). */
export function renderSurveyProblem(kind: 'gone' | 'unknown', language?: ContactLanguage): string {
  const languages: ContactLanguage[] = language ? [language] : ['nl', 'en'];
  return page(language ?? 'nl', WORDS[languages[0]].title, languages.map((l) => `<p lang="${l}">${escapeHtml(WORDS[l][kind])}</p>`).join('\n'));
}

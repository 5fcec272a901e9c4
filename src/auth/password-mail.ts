import type { Language } from '../users/user.entity.js';
import type { PasswordTokenPurpose } from './password-token.entity.js';

/** The e-mail that carries a link to set a password, in the reader's language. */
export function renderPasswordMail(
  purpose: PasswordTokenPurpose,
  reader: { name: string; language: Language },
  link: string,
  validHours: number,
): { subject: string; text: string; html: string } {
  const nl = reader.language === 'nl';
  const lasts = validHours >= 48 ? (nl ? `${validHours / 24} dagen` : `${validHours / 24} days`) : nl ? `${validHours} uur` : `${validHours} hours`;
  const lines =
    purpose === 'invitation'
      ? nl
        ? {
            subject: 'Uw account voor mission-crm',
            body: [
              `Beste ${reader.name},`,
              'Er is voor u een account aangemaakt in mission-crm. Kies uw wachtwoord via deze link:',
              link,
              `De link werkt één keer en blijft ${lasts} geldig.`,
            ],
          }
        : {
            subject: 'Your mission-crm account',
            body: [
              `Dear ${reader.name},`,
              'An account was made for you in mission-crm. Choose your password with this link:',
              link,
              `The link works once and for ${lasts}.`,
            ],
          }
      : nl
        ? {
            subject: 'Een nieuw wachtwoord voor mission-crm',
            body: [
              `Beste ${reader.name},`,
              'Iemand vroeg een nieuw wachtwoord voor uw account. Kies het via deze link:',
              link,
              `De link werkt één keer en blijft ${lasts} geldig. Vroeg u niets? Dan mag u dit bericht negeren: uw wachtwoord blijft hetzelfde.`,
            ],
          }
        : {
            subject: 'A new password for mission-crm',
            body: [
              `Dear ${reader.name},`,
              'Someone asked for a new password for your account. Choose it with this link:',
              link,
              `The link works once and for ${lasts}. If you did not ask, you may ignore this message: your password stays as it is.`,
            ],
          };
  const escape = (text: string): string => text.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char]!);
  const html = lines.body.map((line) => (line === link ? `<p><a href="${escape(link)}">${escape(link)}</a></p>` : `<p>${escape(line)}</p>`)).join('\n');
  return { subject: lines.subject, text: `${lines.body.join('\n\n')}\n`, html: `<!doctype html><html><body>\n${html}\n</body></html>\n` };
}

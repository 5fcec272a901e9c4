/** A report as a few kinds of block, so that Markdown and HTML say exactly the same thing. */
export interface ListItem {
  label?: string;
  text: string;
}

export type Block =
  | { kind: 'title'; text: string; subtitle: string }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'note'; text: string }
  | { kind: 'list'; items: ListItem[] };

export interface ReportDocument {
  language: string;
  title: string;
  blocks: Block[];
}

const escapeMarkdown = (text: string): string => text.replace(/([\\`*_[\]<>|])/g, '\\$1').replace(/^([#>+-])/gm, '\\$1');

export function toMarkdown(document: ReportDocument): string {
  const out: string[] = [];
  for (const block of document.blocks) {
    switch (block.kind) {
      case 'title':
        out.push(`# ${escapeMarkdown(block.text)}`, `_${escapeMarkdown(block.subtitle)}_`);
        break;
      case 'heading':
        out.push(`## ${escapeMarkdown(block.text)}`);
        break;
      case 'paragraph':
        out.push(escapeMarkdown(block.text));
        break;
      case 'note':
        out.push(`> ${escapeMarkdown(block.text)}`);
        break;
      case 'list':
        out.push(block.items.map((item) => `- ${item.label ? `**${escapeMarkdown(item.label)}**: ` : ''}${escapeMarkdown(item.text)}`).join('\n'));
        break;
    }
  }
  return `${out.join('\n\n')}\n`;
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Printable on A4 as it is: one file, its style inline, no scripts, fonts or images from anywhere. */
const STYLE = `
  body { font-family: Georgia, 'Times New Roman', serif; font-size: 11pt; line-height: 1.45; color: #111; margin: 0; }
  main { max-width: 42rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
  .subtitle { font-style: italic; margin: 0 0 1.5rem; color: #333; }
  h2 { font-size: 1.15rem; margin: 1.6rem 0 .4rem; border-bottom: 1px solid #999; padding-bottom: .1rem; }
  .note { border-left: 4px solid #b58900; background: #fdf6e3; padding: .4rem .8rem; }
  ul { padding-left: 1.3rem; }
  li { margin: .15rem 0; }
  @page { size: A4; margin: 2cm; }
  @media print { main { margin: 0; max-width: none; } h2 { break-after: avoid; } li { break-inside: avoid; } .note { background: none; } }
`;

export function toHtml(document: ReportDocument): string {
  const body = document.blocks
    .map((block) => {
      switch (block.kind) {
        case 'title':
          return `<h1>${escapeHtml(block.text)}</h1>\n<p class="subtitle">${escapeHtml(block.subtitle)}</p>`;
        case 'heading':
          return `<h2>${escapeHtml(block.text)}</h2>`;
        case 'paragraph':
          return `<p>${escapeHtml(block.text)}</p>`;
        case 'note':
          return `<p class="note" role="note">${escapeHtml(block.text)}</p>`;
        case 'list':
          return `<ul>\n${block.items.map((item) => `<li>${item.label ? `<strong>${escapeHtml(item.label)}</strong>: ` : ''}${escapeHtml(item.text)}</li>`).join('\n')}\n</ul>`;
      }
    })
    .join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(document.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** Says a finished change to screen-reader users, through the polite live region of the layout. */
export function announce(text: string): void {
  const region = document.getElementById('announcer');
  if (!region) return;
  // Emptied first, so the same words said twice are announced twice.
  region.textContent = '';
  window.setTimeout(() => {
    region.textContent = text;
  }, 50);
}

/** Moves focus to the nearest heading of a section that is still on the page, or to the page's content. */
export function focusNear(element: Element | null): void {
  const section = element?.closest('section');
  const heading = section?.isConnected ? section.querySelector<HTMLElement>('h2, h1') : null;
  (heading ?? document.getElementById('main'))?.focus();
}

// Wall-clock times in a time zone, without a date library: Intl knows the zones.

/** Today as YYYY-MM-DD in a time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The calendar and clock fields of an instant as a time zone shows them. */
function fieldsIn(timeZone: string, instant: Date): Record<string, string> {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })
    .formatToParts(instant)
    .reduce<Record<string, string>>((all, part) => ({ ...all, [part.type]: part.value }), {});
}

/** The instant a wall-clock time in a time zone stands for ("2023-09-12T10:00" in Asia/Ho_Chi_Minh). */
export function zonedToIso(local: string, timeZone: string): string {
  const wanted = new Date(`${local}:00Z`).getTime();
  const offsetAt = (instant: number): number => {
    const shown = fieldsIn(timeZone, new Date(instant));
    return Date.UTC(Number(shown.year), Number(shown.month) - 1, Number(shown.day), Number(shown.hour), Number(shown.minute), Number(shown.second)) - instant;
  };
  // The offset at the guess, not at the wall-clock time read as UTC: they differ across a change to or from summer time.
  const guess = wanted - offsetAt(wanted);
  return new Date(wanted - offsetAt(guess)).toISOString();
}

/** The wall-clock time ("YYYY-MM-DDTHH:mm") of an instant in a time zone, for datetime-local inputs. */
export function isoToZoned(iso: string, timeZone: string): string {
  const shown = fieldsIn(timeZone, new Date(iso));
  return `${shown.year}-${shown.month}-${shown.day}T${shown.hour}:${shown.minute}`;
}

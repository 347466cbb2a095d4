/**
 * Quiet hours in the customer's own time zone ("21:00"–"08:00" by default, across midnight when
 * the start is later than the end). Null: a message may go now. Otherwise the instant the window
 * opens, to the minute.
 */
export function quietUntil(now: Date, zone: string, quiet: { start: string; end: string }): Date | null {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const at = Number(parts.find((p) => p.type === 'hour')!.value) * 60 + Number(parts.find((p) => p.type === 'minute')!.value);
  const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  if (start === end) return null;
  const inside = start < end ? at >= start && at < end : at >= start || at < end;
  if (!inside) return null;
  const wait = (end - at + 1440) % 1440;
  const opens = new Date(now.getTime() + wait * 60_000);
  opens.setUTCSeconds(0, 0);
  return opens;
}

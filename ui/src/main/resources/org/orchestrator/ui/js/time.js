// Dates and durations. Times are shown in the zone the user picked (UTC by default, as the server
// stores and schedules them, or the browser's, or the DAG's) and every full time names its zone.

const ZONE_KEY = 'orchestrator.timezone';
const CHOICES = ['utc', 'browser', 'dag'];
let dagZone = null;
let formatter = null;

/** @returns the user's choice: 'utc', 'browser' or 'dag' (kept in this browser) */
export function zoneChoice() {
  const stored = localStorage.getItem(ZONE_KEY);
  return CHOICES.includes(stored) ? stored : 'utc';
}

/** Remembers the user's choice; the caller redraws (a page reload shows every time anew). */
export function setZoneChoice(choice) {
  localStorage.setItem(ZONE_KEY, CHOICES.includes(choice) ? choice : 'utc');
}

/** Tells the formatters the DAG's own zone (an IANA name), on the pages of one DAG. */
export function useDagZone(zone) {
  dagZone = zone || null;
}

/** @returns the IANA zone times are shown in now */
export function timeZone() {
  const choice = zoneChoice();
  if (choice === 'browser') return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  if (choice === 'dag' && dagZone) return dagZone;
  return 'UTC';
}

/** @returns the parts of an instant in the shown zone: {year, month, day, hour, minute, second, zone} */
function parts(d) {
  const zone = timeZone();
  // Building a formatter is slow; the grid formats hundreds of times per paint.
  if (formatter?.zone !== zone) {
    formatter = {zone, format: new Intl.DateTimeFormat('en-GB', {timeZone: zone, hourCycle: 'h23', year: 'numeric',
      month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short'})};
  }
  return Object.fromEntries(formatter.format.formatToParts(d).map((p) => [p.type, p.value]));
}

/** @returns '2026-01-31 02:00:00 UTC' for an ISO instant, in the shown zone and naming it; '' for none */
export function dateTime(iso) {
  const p = datePartsOf(iso);
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second} ${p.timeZoneName}` : (iso ? String(iso) : '');
}

/** @returns '2026-01-31 02:00' (no seconds, no zone: for tight places whose title has the full time), '' for none */
export function shortDateTime(iso) {
  const p = datePartsOf(iso);
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : (iso ? String(iso) : '');
}

/** @returns '2026-01-31' in the shown zone, '' for none */
export function dateOnly(iso) {
  const p = datePartsOf(iso);
  return p ? `${p.year}-${p.month}-${p.day}` : '';
}

/** @returns '02:00:00' (or '02:00:00.250' with milliseconds) for epoch millis, in the shown zone */
export function clockTime(millis, withMillis) {
  const p = parts(new Date(millis));
  const ms = withMillis ? '.' + String(((millis % 1000) + 1000) % 1000).padStart(3, '0') : '';
  return `${p.hour}:${p.minute}:${p.second}${ms}`;
}

/** @returns the short name of the shown zone now, e.g. 'UTC', 'GMT+5:30' */
export function zoneLabel() {
  return parts(new Date()).timeZoneName;
}

function datePartsOf(iso) {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : parts(d);
}

/** @returns '1h 02m', '3m 05s', '4.2s', '35ms' for seconds; '' for none */
export function duration(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '';
  if (seconds < 1) return `${Math.round(seconds * 1000)}ms`;
  if (seconds < 10) return `${seconds.toFixed(1)}s`;
  const s = Math.round(seconds);
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (hours) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  if (minutes) return `${minutes}m ${String(rest).padStart(2, '0')}s`;
  return `${rest}s`;
}

/** @returns seconds between two ISO instants; the end defaults to now (a span still going) */
export function secondsBetween(startIso, endIso) {
  if (!startIso) return null;
  const end = endIso ? new Date(endIso) : new Date();
  return Math.max(0, (end - new Date(startIso)) / 1000);
}

/** @returns '5 min ago', 'in 3 h' */
export function relative(iso) {
  if (!iso) return '';
  const seconds = (new Date(iso) - new Date()) / 1000;
  const abs = Math.abs(seconds);
  if (abs < 5) return 'just now';
  const [value, unit] = abs < 60 ? [abs, 's'] : abs < 3600 ? [abs / 60, 'min'] : abs < 86400 ? [abs / 3600, 'h'] : [abs / 86400, 'd'];
  const text = `${Math.round(value)} ${unit}`;
  return seconds < 0 ? `${text} ago` : `in ${text}`;
}

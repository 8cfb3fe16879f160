// Dates and durations. Times are shown in UTC, as the server stores and schedules them, and say so.

/** @returns '2026-01-31 02:00:00' for an ISO instant, '' for none */
export function dateTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/** @returns '2026-01-31 02:00' (no seconds), '' for none */
export function shortDateTime(iso) {
  return dateTime(iso).slice(0, 16);
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

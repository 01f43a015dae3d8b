/**
 * Writes integer minor units as a person reads them, "USD 10,000.00" or "JPY 1,500,000", using the
 * currency's own number of decimals from ICU. Integer arithmetic only, so no amount is ever rounded.
 */
export function formatMinorUnits(amount: number, currency: string): string {
  const decimals =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const scale = 10 ** decimals;
  const sign = amount < 0 ? '-' : '';
  const absolute = Math.abs(amount);
  const major = Math.floor(absolute / scale).toLocaleString('en-US');
  const minor = decimals > 0 ? `.${String(absolute % scale).padStart(decimals, '0')}` : '';
  return `${currency} ${sign}${major}${minor}`;
}

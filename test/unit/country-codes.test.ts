import { countryCodes } from '../../functions/commons/country-codes';
import { isCountryCode } from '../../functions/commons/validation';

describe('isCountryCode', () => {
  it('knows the 249 assigned ISO 3166-1 codes and Kosovo', () => {
    expect(countryCodes.size).toBe(250);
    for (const code of ['DE', 'CN', 'GB', 'US', 'IR', 'KP', 'TW', 'XK', 'AQ', 'SS', 'BQ'])
      expect(isCountryCode(code)).toBe(true);
  });

  it.each(['UK', 'SU', 'YU', 'DD', 'CS', 'AN', 'EU', 'UN', 'XA', 'XB', 'ZZ', 'AC', 'EA', 'IC', 'RH', 'de', 'DEU', ''])(
    'refuses %p',
    (code) => {
      expect(isCountryCode(code)).toBe(false);
    },
  );
});

import { countryCodes } from '../../commons/country-codes';

/**
 * ISO 3166-1 alpha-3 codes, as machine-readable zones write nationality and issuing state, mapped to the
 * alpha-2 codes the rest of TrustFlow uses. Kept as data so it can be reviewed line by line; the unit
 * tests check it against the state list of the `mrz` package and against {@link countryCodes}.
 */
// prettier-ignore
export const alpha3ToAlpha2: ReadonlyMap<string, string> = new Map([
  ['AND', 'AD'], ['ARE', 'AE'], ['AFG', 'AF'], ['ATG', 'AG'], ['AIA', 'AI'], ['ALB', 'AL'], ['ARM', 'AM'], ['AGO', 'AO'],
  ['ATA', 'AQ'], ['ARG', 'AR'], ['ASM', 'AS'], ['AUT', 'AT'], ['AUS', 'AU'], ['ABW', 'AW'], ['ALA', 'AX'], ['AZE', 'AZ'],
  ['BIH', 'BA'], ['BRB', 'BB'], ['BGD', 'BD'], ['BEL', 'BE'], ['BFA', 'BF'], ['BGR', 'BG'], ['BHR', 'BH'], ['BDI', 'BI'],
  ['BEN', 'BJ'], ['BLM', 'BL'], ['BMU', 'BM'], ['BRN', 'BN'], ['BOL', 'BO'], ['BES', 'BQ'], ['BRA', 'BR'], ['BHS', 'BS'],
  ['BTN', 'BT'], ['BVT', 'BV'], ['BWA', 'BW'], ['BLR', 'BY'], ['BLZ', 'BZ'], ['CAN', 'CA'], ['CCK', 'CC'], ['COD', 'CD'],
  ['CAF', 'CF'], ['COG', 'CG'], ['CHE', 'CH'], ['CIV', 'CI'], ['COK', 'CK'], ['CHL', 'CL'], ['CMR', 'CM'], ['CHN', 'CN'],
  ['COL', 'CO'], ['CRI', 'CR'], ['CUB', 'CU'], ['CPV', 'CV'], ['CUW', 'CW'], ['CXR', 'CX'], ['CYP', 'CY'], ['CZE', 'CZ'],
  ['DEU', 'DE'], ['DJI', 'DJ'], ['DNK', 'DK'], ['DMA', 'DM'], ['DOM', 'DO'], ['DZA', 'DZ'], ['ECU', 'EC'], ['EST', 'EE'],
  ['EGY', 'EG'], ['ESH', 'EH'], ['ERI', 'ER'], ['ESP', 'ES'], ['ETH', 'ET'], ['FIN', 'FI'], ['FJI', 'FJ'], ['FLK', 'FK'],
  ['FSM', 'FM'], ['FRO', 'FO'], ['FRA', 'FR'], ['GAB', 'GA'], ['GBR', 'GB'], ['GRD', 'GD'], ['GEO', 'GE'], ['GUF', 'GF'],
  ['GGY', 'GG'], ['GHA', 'GH'], ['GIB', 'GI'], ['GRL', 'GL'], ['GMB', 'GM'], ['GIN', 'GN'], ['GLP', 'GP'], ['GNQ', 'GQ'],
  ['GRC', 'GR'], ['SGS', 'GS'], ['GTM', 'GT'], ['GUM', 'GU'], ['GNB', 'GW'], ['GUY', 'GY'], ['HKG', 'HK'], ['HMD', 'HM'],
  ['HND', 'HN'], ['HRV', 'HR'], ['HTI', 'HT'], ['HUN', 'HU'], ['IDN', 'ID'], ['IRL', 'IE'], ['ISR', 'IL'], ['IMN', 'IM'],
  ['IND', 'IN'], ['IOT', 'IO'], ['IRQ', 'IQ'], ['IRN', 'IR'], ['ISL', 'IS'], ['ITA', 'IT'], ['JEY', 'JE'], ['JAM', 'JM'],
  ['JOR', 'JO'], ['JPN', 'JP'], ['KEN', 'KE'], ['KGZ', 'KG'], ['KHM', 'KH'], ['KIR', 'KI'], ['COM', 'KM'], ['KNA', 'KN'],
  ['PRK', 'KP'], ['KOR', 'KR'], ['KWT', 'KW'], ['CYM', 'KY'], ['KAZ', 'KZ'], ['LAO', 'LA'], ['LBN', 'LB'], ['LCA', 'LC'],
  ['LIE', 'LI'], ['LKA', 'LK'], ['LBR', 'LR'], ['LSO', 'LS'], ['LTU', 'LT'], ['LUX', 'LU'], ['LVA', 'LV'], ['LBY', 'LY'],
  ['MAR', 'MA'], ['MCO', 'MC'], ['MDA', 'MD'], ['MNE', 'ME'], ['MAF', 'MF'], ['MDG', 'MG'], ['MHL', 'MH'], ['MKD', 'MK'],
  ['MLI', 'ML'], ['MMR', 'MM'], ['MNG', 'MN'], ['MAC', 'MO'], ['MNP', 'MP'], ['MTQ', 'MQ'], ['MRT', 'MR'], ['MSR', 'MS'],
  ['MLT', 'MT'], ['MUS', 'MU'], ['MDV', 'MV'], ['MWI', 'MW'], ['MEX', 'MX'], ['MYS', 'MY'], ['MOZ', 'MZ'], ['NAM', 'NA'],
  ['NCL', 'NC'], ['NER', 'NE'], ['NFK', 'NF'], ['NGA', 'NG'], ['NIC', 'NI'], ['NLD', 'NL'], ['NOR', 'NO'], ['NPL', 'NP'],
  ['NRU', 'NR'], ['NIU', 'NU'], ['NZL', 'NZ'], ['OMN', 'OM'], ['PAN', 'PA'], ['PER', 'PE'], ['PYF', 'PF'], ['PNG', 'PG'],
  ['PHL', 'PH'], ['PAK', 'PK'], ['POL', 'PL'], ['SPM', 'PM'], ['PCN', 'PN'], ['PRI', 'PR'], ['PSE', 'PS'], ['PRT', 'PT'],
  ['PLW', 'PW'], ['PRY', 'PY'], ['QAT', 'QA'], ['REU', 'RE'], ['ROU', 'RO'], ['SRB', 'RS'], ['RUS', 'RU'], ['RWA', 'RW'],
  ['SAU', 'SA'], ['SLB', 'SB'], ['SYC', 'SC'], ['SDN', 'SD'], ['SWE', 'SE'], ['SGP', 'SG'], ['SHN', 'SH'], ['SVN', 'SI'],
  ['SJM', 'SJ'], ['SVK', 'SK'], ['SLE', 'SL'], ['SMR', 'SM'], ['SEN', 'SN'], ['SOM', 'SO'], ['SUR', 'SR'], ['SSD', 'SS'],
  ['STP', 'ST'], ['SLV', 'SV'], ['SXM', 'SX'], ['SYR', 'SY'], ['SWZ', 'SZ'], ['TCA', 'TC'], ['TCD', 'TD'], ['ATF', 'TF'],
  ['TGO', 'TG'], ['THA', 'TH'], ['TJK', 'TJ'], ['TKL', 'TK'], ['TLS', 'TL'], ['TKM', 'TM'], ['TUN', 'TN'], ['TON', 'TO'],
  ['TUR', 'TR'], ['TTO', 'TT'], ['TUV', 'TV'], ['TWN', 'TW'], ['TZA', 'TZ'], ['UKR', 'UA'], ['UGA', 'UG'], ['UMI', 'UM'],
  ['USA', 'US'], ['URY', 'UY'], ['UZB', 'UZ'], ['VAT', 'VA'], ['VCT', 'VC'], ['VEN', 'VE'], ['VGB', 'VG'], ['VIR', 'VI'],
  ['VNM', 'VN'], ['VUT', 'VU'], ['WLF', 'WF'], ['WSM', 'WS'], ['YEM', 'YE'], ['MYT', 'YT'], ['ZAF', 'ZA'], ['ZMB', 'ZM'],
  ['ZWE', 'ZW'],
]);

/**
 * Codes ICAO 9303 uses besides ISO alpha-3. Germany writes `D`; the five kinds of British nationality
 * (overseas territories citizen, national (overseas), overseas citizen, protected person, subject) all
 * belong to the United Kingdom; Kosovo is `RKS`.
 */
export const icaoSpecialCodes: ReadonlyMap<string, string> = new Map([
  ['D', 'DE'],
  ['GBD', 'GB'],
  ['GBN', 'GB'],
  ['GBO', 'GB'],
  ['GBP', 'GB'],
  ['GBS', 'GB'],
  ['RKS', 'XK'],
]);

/**
 * Codes that name no country: issuing organisations (UN, EU, Interpol, the Order of Malta…), stateless
 * persons and refugees, and the ICAO specimen state Utopia. A document with these is genuine, but its
 * nationality cannot be scored as a country.
 */
// prettier-ignore
export const icaoNonCountryCodes: ReadonlySet<string> = new Set([
  'EUE', 'UNO', 'UNA', 'UNK', 'XBA', 'XIM', 'XCC', 'XCE', 'XCO', 'XEC', 'XPO', 'XES', 'XOM', 'XDC', 'XXA', 'XXB', 'XXC',
  'XXX', 'UTO',
]);

/**
 * The ISO alpha-2 code of a state code as a machine-readable zone writes it (`DEU`, `D<<`, `GBN`).
 * @returns undefined for codes that name no country ({@link icaoNonCountryCodes}) or are unknown
 */
export function icaoCodeToAlpha2(code: string): string | undefined {
  const key = code.replace(/</g, '').trim().toUpperCase();
  if (icaoNonCountryCodes.has(key)) return undefined;
  const alpha2 = alpha3ToAlpha2.get(key) ?? icaoSpecialCodes.get(key);
  return alpha2 !== undefined && countryCodes.has(alpha2) ? alpha2 : undefined;
}

/**
 * `npm run samples [-- <dir>]`: writes sample KYC documents for the README walk-through (default
 * directory /tmp/trustflow-samples). Dates are relative to today, so the documents are current.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderFinancialStatement, renderPassport, renderProofOfAddress } from './render-documents';

const day = 24 * 60 * 60 * 1000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * day).toISOString().slice(0, 10);

async function main() {
  const directory = path.resolve(process.argv[2] ?? '/tmp/trustflow-samples');
  mkdirSync(directory, { recursive: true });
  const passport = {
    documentNumber: 'C01X00T47',
    nationality: 'BRA',
    dateOfBirth: '1990-04-12',
    sex: 'F' as const,
    expiryDate: isoDay(5 * 365),
  };
  const samples: [string, Promise<Buffer>][] = [
    ['passport-ana-souza.png', renderPassport({ ...passport, surname: 'Souza', givenNames: 'Ana' })],
    ['passport-mariana-oliveira.png', renderPassport({ ...passport, surname: 'Oliveira', givenNames: 'Mariana' })],
    [
      'utility-bill-ana-souza.png',
      renderProofOfAddress({
        holderName: 'Ana Souza',
        address: 'Lindenstrasse 12, 10969 Berlin, Germany',
        statementDate: isoDay(-10),
      }),
    ],
    // the same holder at another address: with a residentialAddress in Berlin, ADDRESS_MATCHES fails
    [
      'utility-bill-ana-souza-elsewhere.png',
      renderProofOfAddress({
        holderName: 'Ana Souza',
        address: 'Hauptstrasse 5, 80331 Muenchen, Germany',
        statementDate: isoDay(-10),
      }),
    ],
    [
      'financial-statement-ana-souza.png',
      renderFinancialStatement({ companyName: 'Ana Souza', periodEnd: isoDay(-90) }),
    ],
    // a listed person (OFAC SDN: PUTIN, Vladimir Vladimirovich) applying under a misspelt name
    [
      'passport-vladimir-poutin.png',
      renderPassport({
        ...passport,
        documentNumber: 'R52X10T07',
        nationality: 'RUS',
        dateOfBirth: '1952-10-07',
        sex: 'M',
        surname: 'Poutin',
        givenNames: 'Vladimir Vladimirovich',
      }),
    ],
    [
      'utility-bill-vladimir-poutin.png',
      renderProofOfAddress({
        holderName: 'Vladimir Vladimirovich Poutin',
        address: 'Lindenstrasse 14, 10969 Berlin',
        statementDate: isoDay(-10),
      }),
    ],
  ];
  for (const [name, bytes] of samples) {
    writeFileSync(path.join(directory, name), await bytes);
    console.log(path.join(directory, name));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

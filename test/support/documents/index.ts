/** Synthetic KYC documents (PNG, JPEG, PDF with a text layer, scanned PDF) for tests and the bench. */
export * from './render-documents';
export { scanToPdf } from './pdf-renderer';
export { mrzCheckDigit, td1Lines, td2Lines, td3Lines, type MrzData } from './icao-mrz';

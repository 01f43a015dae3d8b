import { detectContentType } from '../../functions/commons/detect-content-type';
import { assessUpload } from '../../functions/kyc/models/upload-assessment';
import { jpegBytes, tinyPng } from '../fixtures/kyc-requests';

const declared = { declaredContentType: 'image/png', declaredSizeBytes: 67, maxSizeBytes: 10 * 1024 * 1024 };

describe('assessUpload', () => {
  it('accepts the declared type at the declared size', () => {
    expect(assessUpload({ ...declared, actualSizeBytes: 67, detectedContentType: 'image/png' })).toEqual({
      accepted: true,
    });
  });

  it.each([
    [{ actualSizeBytes: 0, detectedContentType: undefined }, 'The uploaded file is empty'],
    [
      { actualSizeBytes: 11 * 1024 * 1024, detectedContentType: 'image/png' },
      'The uploaded file is 11534336 bytes, more than the 10485760-byte limit',
    ],
    [
      { actualSizeBytes: 68, detectedContentType: 'image/png' },
      'The uploaded file is 68 bytes but 67 bytes were declared',
    ],
    [
      { actualSizeBytes: 67, detectedContentType: 'image/jpeg' },
      'The uploaded file was declared as image/png but contains bytes of a image/jpeg file',
    ],
    [
      { actualSizeBytes: 67, detectedContentType: undefined },
      'The uploaded file was declared as image/png but contains bytes of no recognised document type',
    ],
  ])('rejects %p with a reason', (actual, reason) => {
    expect(assessUpload({ ...declared, ...actual })).toEqual({ accepted: false, reason });
  });
});

describe('detectContentType', () => {
  it.each([
    [tinyPng, 'image/png'],
    [jpegBytes, 'image/jpeg'],
    [Buffer.from('%PDF-1.7\n%âãÏÓ'), 'application/pdf'],
    [Buffer.from('PK\x03\x04zipzip'), 'application/zip'],
    [Buffer.from('RIFF\0\0\0\0WEBPVP8 '), 'image/webp'],
    [Buffer.from('plain text, not a document'), undefined],
    [Buffer.from([0x89, 0x50]), undefined],
  ])('detects %#', (bytes, expected) => {
    expect(detectContentType(bytes)).toBe(expected);
  });
});

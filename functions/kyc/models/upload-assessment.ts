/** What the client said it would upload, and what arrived. */
export interface UploadFacts {
  declaredContentType: string;
  declaredSizeBytes: number;
  maxSizeBytes: number;
  actualSizeBytes: number;
  /** From the object's magic bytes; undefined when the bytes match no known type. */
  detectedContentType?: string;
}

/** Whether an upload is accepted, and why not. */
export type UploadAssessment = { accepted: true } | { accepted: false; reason: string };

/**
 * Judges an upload on its real bytes. Local S3 does not enforce POST policy conditions and a client
 * can lie about its file, so size and type are checked here whatever the presigned policy said.
 */
export function assessUpload(facts: UploadFacts): UploadAssessment {
  if (facts.actualSizeBytes === 0) return { accepted: false, reason: 'The uploaded file is empty' };
  if (facts.actualSizeBytes > facts.maxSizeBytes) {
    return {
      accepted: false,
      reason: `The uploaded file is ${facts.actualSizeBytes} bytes, more than the ${facts.maxSizeBytes}-byte limit`,
    };
  }
  if (facts.actualSizeBytes !== facts.declaredSizeBytes) {
    return {
      accepted: false,
      reason: `The uploaded file is ${facts.actualSizeBytes} bytes but ${facts.declaredSizeBytes} bytes were declared`,
    };
  }
  if (facts.detectedContentType !== facts.declaredContentType) {
    const found = facts.detectedContentType
      ? `bytes of a ${facts.detectedContentType} file`
      : 'bytes of no recognised document type';
    return {
      accepted: false,
      reason: `The uploaded file was declared as ${facts.declaredContentType} but contains ${found}`,
    };
  }
  return { accepted: true };
}

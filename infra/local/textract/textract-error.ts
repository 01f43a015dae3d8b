/** The error names Textract answers with (the SDK turns `__type` into the thrown exception's class). */
export type TextractErrorName =
  | 'InvalidParameterException'
  | 'UnsupportedDocumentException'
  | 'BadDocumentException'
  | 'InvalidS3ObjectException'
  | 'DocumentTooLargeException'
  | 'UnknownOperationException'
  | 'SerializationException'
  | 'InternalServerError';

/** An error the endpoint answers as Textract would: `{"__type": name, "message"}` with `status`. */
export class TextractError extends Error {
  constructor(
    readonly errorName: TextractErrorName,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = errorName;
  }
}

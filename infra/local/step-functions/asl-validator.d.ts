/** Types for asl-validator 4, which ships none for its main entry. */
declare module 'asl-validator' {
  interface ValidationError {
    'Error code': string;
    Message: string;
  }
  function validator(definition: unknown): { isValid: boolean; errors: ValidationError[] };
  export default validator;
}

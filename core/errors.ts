/** One error type for the whole core: a closed set of codes, the customer's words apart from the cause. */

export type ErrorCode =
  | 'config_invalid'
  | 'import_invalid'
  | 'not_found'
  | 'not_allowed'
  | 'bad_request'
  /** The request contradicts one made before (an idempotency key reused for something else). */
  | 'conflict'
  | 'provider_failed'
  | 'unavailable';

/** What a customer is told when something failed on our side; every door uses this one. */
export const APOLOGY = 'Sorry, something went wrong on our side. Please try again in a moment.';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly userMessage = APOLOGY,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

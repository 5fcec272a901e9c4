import { QueryFailedError } from 'typeorm';

/** Whether a write failed on this unique constraint: it lost a race that a check before it could not settle. */
export const violatesUnique = (error: unknown, constraint: string): boolean =>
  error instanceof QueryFailedError && (error.driverError as { constraint?: string }).constraint === constraint;

/** Which failures the user is shown as they are, and which become a plain "something went wrong". */
import { ValidationError } from '../../shared/validate';
import { BoardFileError } from '../library/board-file';
import { LibraryError } from '../library/board-library';
import { AppError } from './app-core';

export function userMessage(error: unknown, log?: (line: string) => void): string {
  if (error instanceof AppError || error instanceof LibraryError || error instanceof BoardFileError) return error.message;
  if (error instanceof ValidationError) return `refused: ${error.message}`;
  log?.(`unexpected error: ${(error as Error)?.stack ?? String(error)}`);
  return `Something went wrong: ${(error as Error)?.message ?? String(error)}`;
}

// Build failures: named classes that keep their cause and say what happened to the output.
import { BroadsheetError } from '../content/errors.ts';

/** A failure of the build itself (not of the content); the message says what to do. */
export class BuildError extends BroadsheetError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BuildError';
  }
}

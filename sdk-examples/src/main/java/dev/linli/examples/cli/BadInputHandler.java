package dev.linli.examples.cli;

import dev.linli.core.LinliException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Turns the SDK's typed exceptions into an error message on standard error and exit code 2;
 * anything else is a bug and keeps its stack trace.
 */
final class BadInputHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed)
      throws Exception {
    if (ex instanceof LinliException || ex instanceof UncheckedIOException
        || ex instanceof java.io.IOException) {
      String message = ex instanceof UncheckedIOException u ? u.getCause().toString() : ex.getMessage();
      cmd.getErr().println("linli " + cmd.getCommandName() + ": " + message);
      cmd.getErr().flush();
      return LinliCommand.EXIT_BAD_INPUT;
    }
    throw ex;
  }
}

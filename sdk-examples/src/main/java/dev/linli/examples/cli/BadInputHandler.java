package dev.linli.examples.cli;

import dev.linli.core.LinliException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;

/**
 * Turns the SDK's typed exceptions and unreadable files into an error message on standard error
 * and exit code 2; anything else is a bug and keeps its stack trace.
 */
final class BadInputHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed)
      throws Exception {
    if (ex instanceof LinliException || ex instanceof UncheckedIOException
        || ex instanceof IOException) {
      String message = ex instanceof UncheckedIOException u ? describe(u.getCause())
          : ex instanceof IOException io ? describe(io) : ex.getMessage();
      cmd.getErr().println("linli " + cmd.getCommandName() + ": " + message);
      cmd.getErr().flush();
      return LinliCommand.EXIT_BAD_INPUT;
    }
    throw ex;
  }

  /** A file error as a person reads it: the path, then what is wrong with it. */
  static String describe(IOException e) {
    if (e instanceof FileSystemException f && f.getFile() != null) {
      String what = e instanceof NoSuchFileException ? "no such file"
          : e instanceof AccessDeniedException ? "permission denied"
          : e instanceof NotDirectoryException ? "not a directory"
          : f.getReason() != null ? f.getReason() : e.getClass().getSimpleName();
      return f.getFile() + ": " + what;
    }
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }
}

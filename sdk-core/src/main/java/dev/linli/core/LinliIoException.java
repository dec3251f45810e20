package dev.linli.core;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.charset.CharacterCodingException;
import java.util.Objects;

/**
 * Thrown when a file or stream cannot be read or written: it names the file and says what failed
 * in words, with the {@link IOException} as its cause. No public method of Linli lets an
 * {@link java.io.UncheckedIOException} escape; it throws this instead. Immutable and thread-safe.
 *
 * @since 0.2.0
 */
public final class LinliIoException extends LinliException {
  private static final long serialVersionUID = 1L;

  private final String file;

  /**
   * Creates the exception.
   *
   * @param file the file name, or another label for the stream, not null
   * @param what what failed, such as {@code "cannot be read"}, not null
   * @param cause the I/O failure, may be null
   */
  public LinliIoException(String file, String what, IOException cause) {
    super("io", message(Objects.requireNonNull(file, "file"), Objects.requireNonNull(what, "what"),
        cause), cause);
    this.file = file;
  }

  /**
   * Returns the file (or stream label) that failed.
   *
   * @return the name, not null
   */
  public String file() {
    return file;
  }

  /**
   * Says what failed in words rather than Java's exception names: {@code FILE: no such file} for
   * the common file-system refusals (as the CLI words them), else {@code FILE: what: reason}.
   */
  private static String message(String file, String what, IOException e) {
    String known = e instanceof NoSuchFileException ? "no such file"
        : e instanceof AccessDeniedException ? "permission denied"
        : e instanceof FileAlreadyExistsException ? "a file of that name already exists"
        : e instanceof NotDirectoryException ? "not a directory"
        : e instanceof DirectoryNotEmptyException ? "the directory is not empty"
        : e instanceof CharacterCodingException ? "is not valid UTF-8; save the file as UTF-8"
        : null;
    if (known != null) {
      return file + ": " + known;
    }
    return file + ": " + what + (e == null || e.getMessage() == null ? ""
        : ": " + Problem.excerpt(e.getMessage()));
  }
}

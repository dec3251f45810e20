/**
 * The vocabulary every Linli module shares: identifiers ({@link dev.linli.core.Id}), bilingual
 * names ({@link dev.linli.core.Name}) and the one exception hierarchy rooted in
 * {@link dev.linli.core.LinliException} — {@link dev.linli.core.InvalidValueException} for a value
 * a type does not allow, {@link dev.linli.core.DataFormatException} with its
 * {@link dev.linli.core.Problem}s for a bad input file, {@link dev.linli.core.LinliIoException}
 * for a file that cannot be read or written, {@link dev.linli.core.StorageException} for a
 * database that fails.
 *
 * <p>Guarantees: every type here is immutable and thread-safe; every exception is unchecked and
 * carries a stable {@code code()}; messages name the field (and, for files, the file, line and JSON
 * path or column), say what is allowed, and quote bad values cut to
 * {@value dev.linli.core.Problem#EXCERPT_LENGTH} characters. No public method of this module lets a
 * {@link java.io.UncheckedIOException} escape.
 *
 * @since 0.1.0
 */
package dev.linli.core;

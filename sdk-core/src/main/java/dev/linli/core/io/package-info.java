/**
 * Reading and writing Linli's data files: the JSON city document and small JSON documents
 * ({@link dev.linli.core.io.LinliJson}), CSV ({@link dev.linli.core.io.CityCsv}) and GeoJSON
 * ({@link dev.linli.core.io.CityGeoJson}), each configured by
 * {@link dev.linli.core.io.ReadOptions} and returning what was read with what was skipped
 * ({@link dev.linli.core.io.Loaded}); the strict reader under all of them, for applications' own
 * JSON and JSON-lines files ({@link dev.linli.core.io.StrictJson}).
 *
 * <p>Guarantees: readers are strict by default: unknown fields and columns, a key given twice,
 * anything after the document, numbers out of range and bytes that are not UTF-8 are refused (a
 * UTF-8 byte-order mark is accepted); every problem is reported together as a
 * {@link dev.linli.core.DataFormatException} naming file, line and JSON path or column; nothing is
 * half-read. I/O failures are {@link dev.linli.core.LinliIoException}s naming the file. Output is
 * UTF-8, deterministic, with {@code \n} line ends. Readers and writers are immutable and
 * thread-safe; streams passed in are not closed.
 *
 * @since 0.1.0
 */
package dev.linli.core.io;

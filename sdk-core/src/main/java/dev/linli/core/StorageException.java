package dev.linli.core;

import java.sql.SQLException;

/**
 * Thrown when a store backed by a database (PostgreSQL through plain JDBC) cannot do what was asked:
 * the database refused a statement, the connection broke, or the installed schema is not one this
 * SDK can use.
 *
 * <p>A {@code StorageException} never means that a business request was refused (those are result
 * values); it means the request's effect is unknown to the caller only if the message says so, and
 * otherwise that nothing was written: every store call runs in one transaction that is rolled back
 * when this is thrown. The {@link #sqlState() SQLSTATE} is kept when the database gave one.
 *
 * <p>Codes: {@code storage-failed} (a statement or connection failed), {@code schema-mismatch} (the
 * database holds a schema version this SDK does not know, or an applied migration was changed).
 *
 * @since 0.2.0
 */
public final class StorageException extends LinliException {
  private static final long serialVersionUID = 1L;

  private final String sqlState;

  /**
   * Creates the exception.
   *
   * @param code {@code storage-failed} or {@code schema-mismatch}, not null
   * @param message what failed and what the operator can do, not null
   * @param cause the database's exception, or null
   */
  public StorageException(String code, String message, Throwable cause) {
    super(code, message, cause);
    this.sqlState = cause instanceof SQLException ? ((SQLException) cause).getSQLState() : null;
  }

  /**
   * Wraps a JDBC failure with what the store was doing.
   *
   * @param doing what the store was doing, such as {@code "recording booking b-1"}, not null
   * @param cause the database's exception, not null
   * @return the exception to throw
   */
  public static StorageException failed(String doing, SQLException cause) {
    String state = cause.getSQLState() == null ? "" : " (SQLSTATE " + cause.getSQLState() + ")";
    return new StorageException("storage-failed", doing + " failed" + state + ": " + cause.getMessage(), cause);
  }

  /**
   * Returns the SQLSTATE the database reported, if any.
   *
   * @return the five-character SQLSTATE, or null when the failure did not come from the database
   */
  public String sqlState() {
    return sqlState;
  }
}

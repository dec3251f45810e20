package dev.linli.points.journal;

import dev.linli.core.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement that a journal's first {@code records} records end with chain hash {@code hash}, made
 * at {@code time} and optionally signed (Ed25519) by the embedder. Exported and kept elsewhere, it
 * lets {@link JournalVerifier} prove later that those records were not changed, removed or
 * truncated; a signature lets it reject a checkpoint forged to cover altered records. Immutable.
 *
 * <p>Text form (one line, what {@link #toString()} writes and {@link #parse} reads):
 * {@code linli-checkpoint 1 records=<n> hash=<64 hex> time=<ISO instant>[ signature=<base64>]};
 * the signature covers the UTF-8 bytes of the line up to and excluding {@code " signature="}.
 *
 * @param records how many records the checkpoint covers, {@code >= 1}
 * @param hash the chain hash of record {@code records - 1}, 64 lower-case hex digits
 * @param time when the checkpoint was made
 * @param signature the base64 Ed25519 signature, or null if unsigned
 * @since 0.1.0
 */
public record Checkpoint(long records, String hash, Instant time, String signature) {
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern LINE = Pattern.compile(
      "linli-checkpoint 1 records=(\\d+) hash=(\\S+) time=(\\S+)(?: signature=(\\S+))?\\s*");

  /**
   * Validates the fields.
   *
   * @throws InvalidValueException if a field is out of range
   */
  public Checkpoint {
    InvalidValueException.check(records >= 1, "records", records, "must be >= 1");
    InvalidValueException.check(hash != null && HASH.matcher(hash).matches(), "hash", hash,
        "must be 64 lower-case hex digits");
    InvalidValueException.requirePresent(time, "time");
  }

  /**
   * Returns the bytes a signature covers.
   *
   * @return the unsigned text form in UTF-8
   */
  public byte[] signedBytes() {
    return unsignedText().getBytes(StandardCharsets.UTF_8);
  }

  private String unsignedText() {
    return "linli-checkpoint 1 records=" + records + " hash=" + hash + " time=" + time;
  }

  /**
   * Returns this checkpoint signed with {@code key}.
   *
   * @param key an Ed25519 private key
   * @return a signed copy
   * @throws InvalidValueException if the key cannot sign with Ed25519
   */
  public Checkpoint sign(PrivateKey key) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(signedBytes());
      return new Checkpoint(records, hash, time, Base64.getEncoder().encodeToString(s.sign()));
    } catch (GeneralSecurityException e) {
      throw new InvalidValueException("key", String.valueOf(key.getAlgorithm()),
          "must be an Ed25519 private key (" + e.getMessage() + ")");
    }
  }

  /**
   * Returns whether this checkpoint carries a valid signature by {@code key}.
   *
   * @param key an Ed25519 public key
   * @return false if unsigned, or signed by another key, or altered since
   */
  public boolean isSignedBy(PublicKey key) {
    if (signature == null) {
      return false;
    }
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(signedBytes());
      return s.verify(Base64.getDecoder().decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Reads the text form.
   *
   * @param text one line as written by {@link #toString()}
   * @return the checkpoint
   * @throws InvalidValueException if the text is not a checkpoint
   */
  public static Checkpoint parse(String text) {
    Matcher m = LINE.matcher(text == null ? "" : text.strip());
    InvalidValueException.check(m.matches(), "checkpoint", text,
        "must read 'linli-checkpoint 1 records=<n> hash=<hex> time=<instant>[ signature=<b64>]'");
    try {
      return new Checkpoint(Long.parseLong(m.group(1)), m.group(2), Instant.parse(m.group(3)),
          m.group(4));
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new InvalidValueException("checkpoint", text, "has a malformed number or instant: "
          + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return signature == null ? unsignedText() : unsignedText() + " signature=" + signature;
  }
}

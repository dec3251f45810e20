package dev.linli.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 for every module: the one place that looks the algorithm up and turns its checked
 * exceptions (which cannot happen on a JDK) into errors. Stateless and thread-safe; the digests it
 * returns are not.
 */
public final class Sha256 {
  /** The length of a digest in bytes. */
  public static final int BYTES = 32;

  private Sha256() {}

  /**
   * Returns a new digest, for callers that feed it in parts or reuse it.
   *
   * @return a fresh SHA-256 digest; not thread-safe
   */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }

  /**
   * Hashes the UTF-8 bytes of a text.
   *
   * @param text the text, not null
   * @return the 32-byte digest
   */
  public static byte[] of(String text) {
    return newDigest().digest(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Hashes the UTF-8 bytes of a text, in lower-case hex.
   *
   * @param text the text, not null
   * @return 64 hex digits
   */
  public static String hexOf(String text) {
    return hex(of(text));
  }

  /**
   * Finishes a digest into {@code out[0..32)}.
   *
   * @param digest the digest fed so far; reset afterwards
   * @param out at least {@link #BYTES} long
   */
  public static void finish(MessageDigest digest, byte[] out) {
    try {
      digest.digest(out, 0, BYTES);
    } catch (DigestException e) {
      throw new IllegalStateException("a SHA-256 digest is " + BYTES + " bytes", e);
    }
  }

  /**
   * Formats bytes as lower-case hex.
   *
   * @param bytes the bytes
   * @return two hex digits a byte
   */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}

package dev.linli.points.journal;

import dev.linli.core.internal.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The on-disk layout shared by the writer, recovery and the verifier (see {@code docs/formats.md}):
 * segment files named by the index of their first record, a 52-byte header, then framed records.
 */
final class Segments {
  /** "LINLIJNL": the first eight bytes of every segment. */
  static final byte[] MAGIC = "LINLIJNL".getBytes(StandardCharsets.US_ASCII);
  static final short FORMAT_VERSION = 1;
  static final int HEADER_BYTES = 8 + 2 + 2 + 8 + 32;
  /** length, ~length, CRC32C. */
  static final int FRAME_BYTES = 12;
  static final int HASH_BYTES = 32;
  /** A record body is version, type, payload, hash: at least 34 bytes. */
  static final int MIN_BODY = 2 + HASH_BYTES;
  /** No writer makes a larger body; a larger length means corruption, not a torn write. */
  static final int MAX_BODY = 256 << 20;
  static final byte RECORD_VERSION = 1;
  static final byte[] GENESIS = new byte[HASH_BYTES];

  private static final Pattern NAME = Pattern.compile("\\d{20}\\.journal");

  private Segments() {}

  static String fileName(long firstRecord) {
    return String.format(Locale.ROOT, "%020d.journal", firstRecord);
  }

  /** The segment files of {@code dir}, oldest first. */
  static List<Path> list(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      files.filter(f -> NAME.matcher(f.getFileName().toString()).matches()).sorted()
          .forEach(out::add);
    }
    return out;
  }

  static ByteBuffer header(long firstRecord, byte[] prevHash) {
    ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES);
    b.put(MAGIC).putShort(FORMAT_VERSION).putShort((short) 0).putLong(firstRecord).put(prevHash);
    return b.flip();
  }

  /**
   * Frames a record into {@code out}: computes the chain hash from {@code prevHash} (written into
   * {@code hashOut}) and the CRC32C of the body.
   */
  static void frame(byte type, byte[] payload, int payloadLength, byte[] prevHash,
      MessageDigest sha, CRC32C crc, RecordCodec.Encoder out, byte[] hashOut) {
    sha.reset();
    sha.update(prevHash);
    sha.update(RECORD_VERSION);
    sha.update(type);
    sha.update(payload, 0, payloadLength);
    Sha256.finish(sha, hashOut);
    int body = 2 + payloadLength + HASH_BYTES;
    crc.reset();
    crc.update(RECORD_VERSION);
    crc.update(type);
    crc.update(payload, 0, payloadLength);
    crc.update(hashOut, 0, HASH_BYTES);
    out.putInt(body);
    out.putInt(~body);
    out.putInt((int) crc.getValue());
    out.put(RECORD_VERSION);
    out.put(type);
    out.put(payload, 0, payloadLength);
    out.put(hashOut, 0, HASH_BYTES);
  }

  static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  static String hex(byte[] b) {
    return Sha256.hex(b);
  }
}

package org.ssechat.client;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.ssechat.failure.ChatException;
import org.ssechat.failure.Failures;
import org.ssechat.files.Sha256;

/**
 * A file sent with a message: a text file (sent as a fenced text part with its name) or an image
 * (PNG, JPEG, WebP or GIF, sent as an {@code image_url} part with a {@code data:} URL).
 *
 * <p>The type is decided by the content, not the name: the image formats by their magic bytes;
 * anything else must be UTF-8 text without NUL bytes, else it is refused as binary. Text files
 * are capped at {@value #MAX_TEXT_BYTES} bytes, images at {@value #MAX_IMAGE_BYTES}.
 *
 * @param name      the file name (no directories), as the model sees it
 * @param mediaType {@code text/plain} or {@code image/png|jpeg|webp|gif}
 * @param size      bytes
 * @param sha256    the content's SHA-256, lower-case hex (sessions store content by it)
 * @param bytes     the content; may be null in a session file's metadata (then loaded by sha256)
 */
public record Attachment(String name, String mediaType, long size, String sha256,
    @JsonIgnore byte[] bytes) {
  /** The largest text file attached: 256 KiB (about 64 k tokens). */
  public static final int MAX_TEXT_BYTES = 256 * 1024;
  /** The largest image attached: 5 MiB (relays often reject more). */
  public static final int MAX_IMAGE_BYTES = 5 * 1024 * 1024;
  /** The media type of text attachments. */
  public static final String TEXT = "text/plain";

  public Attachment {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(sha256, "sha256");
  }

  /** Whether this is an image (else text). */
  @JsonIgnore
  public boolean isImage() {
    return mediaType.startsWith("image/");
  }

  /** The text of a text attachment. */
  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** This attachment with its content (for metadata read from a session file). */
  public Attachment withBytes(byte[] content) {
    return new Attachment(name, mediaType, size, sha256, content);
  }

  /** {@code name (type, 12.3 KiB)}, as lists show it. */
  public String describe() {
    String kb = size < 1024 ? size + " B"
        : String.format(Locale.ROOT, "%.1f KiB", size / 1024.0);
    return name + " (" + (isImage() ? mediaType.substring(6) + " image" : "text") + ", " + kb
        + ")";
  }

  /**
   * Reads {@code file} as an attachment.
   *
   * @throws ChatException with one line naming the file: missing, unreadable, too large, binary
   */
  public static Attachment load(Path file) {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new ChatException("cannot attach " + file + ": no such file");
    } catch (IOException e) {
      throw new ChatException("cannot attach " + file + ": " + Failures.ioReason(e));
    }
    if (Files.isDirectory(file)) {
      throw new ChatException("cannot attach " + file + ": it is a directory");
    }
    if (size > MAX_IMAGE_BYTES) {
      throw new ChatException("cannot attach " + file + ": " + size + " bytes is over the "
          + MAX_IMAGE_BYTES + "-byte limit for images (" + MAX_TEXT_BYTES + " for text)");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ChatException("cannot attach " + file + ": " + Failures.ioReason(e));
    }
    Path name = file.getFileName();
    return of(name == null ? file.toString() : name.toString(), bytes);
  }

  /** An attachment of {@code bytes} called {@code name}; the same checks as {@link #load}. */
  public static Attachment of(String name, byte[] bytes) {
    String image = imageType(bytes);
    if (image == null) {
      if (bytes.length > MAX_TEXT_BYTES) {
        throw new ChatException("cannot attach " + name + ": " + bytes.length
            + " bytes of text is over the " + MAX_TEXT_BYTES + "-byte limit");
      }
      if (!isText(bytes)) {
        throw new ChatException("cannot attach " + name + ": it is a binary file (text in "
            + "UTF-8 and PNG, JPEG, WebP or GIF images can be attached)");
      }
    }
    return new Attachment(name, image == null ? TEXT : image, bytes.length, Sha256.hex(bytes), bytes);
  }

  /** The image media type by magic bytes, or null. */
  static String imageType(byte[] b) {
    if (starts(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return "image/png";
    }
    if (starts(b, 0, 0xFF, 0xD8, 0xFF)) {
      return "image/jpeg";
    }
    if (starts(b, 0, 'G', 'I', 'F', '8') && b.length > 5 && (b[4] == '7' || b[4] == '9')
        && b[5] == 'a') {
      return "image/gif";
    }
    if (starts(b, 0, 'R', 'I', 'F', 'F') && starts(b, 8, 'W', 'E', 'B', 'P')) {
      return "image/webp";
    }
    return null;
  }

  private static boolean starts(byte[] b, int at, int... magic) {
    if (b.length < at + magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((b[at + i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /** Well-formed UTF-8 with no NUL byte (a NUL means a binary file in practice). */
  private static boolean isText(byte[] b) {
    for (byte x : b) {
      if (x == 0) {
        return false;
      }
    }
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "Attachment[" + describe() + ", sha256=" + sha256 + "]";
  }
}

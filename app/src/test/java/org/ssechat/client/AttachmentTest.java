package org.ssechat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssechat.failure.ChatException;

class AttachmentTest {
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13};

  @TempDir
  Path dir;

  @Test
  void typesAreDecidedByContent() {
    assertThat(Attachment.of("x.txt", PNG).mediaType()).isEqualTo("image/png");
    assertThat(Attachment.of("a", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1})
        .mediaType()).isEqualTo("image/jpeg");
    assertThat(Attachment.of("a", "GIF89a...".getBytes(StandardCharsets.US_ASCII)).mediaType())
        .isEqualTo("image/gif");
    assertThat(Attachment.of("a", "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1))
        .mediaType()).isEqualTo("image/webp");
    Attachment code = Attachment.of("A.java", "class A {}\n中文".getBytes(StandardCharsets.UTF_8));
    assertThat(code.mediaType()).isEqualTo(Attachment.TEXT);
    assertThat(code.text()).isEqualTo("class A {}\n中文");
    assertThat(code.sha256()).hasSize(64).isEqualTo(org.ssechat.files.Sha256.hex(code.bytes()));
    assertThat(Attachment.of("abc", "abc".getBytes(StandardCharsets.US_ASCII)).sha256())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void binaryAndIllFormedTextAreRefusedInOneLine() {
    assertThatThrownBy(() -> Attachment.of("a.bin", new byte[] {'a', 0, 'b'}))
        .isInstanceOf(ChatException.class)
        .hasMessage("cannot attach a.bin: it is a binary file (text in UTF-8 and PNG, JPEG, WebP"
            + " or GIF images can be attached)");
    assertThatThrownBy(() -> Attachment.of("latin1.txt", new byte[] {'c', 'a', 'f', (byte) 0xE9}))
        .hasMessageContaining("binary file");
  }

  @Test
  void capsAndMissingFiles() throws Exception {
    byte[] big = new byte[Attachment.MAX_TEXT_BYTES + 1];
    Arrays.fill(big, (byte) 'x');
    assertThatThrownBy(() -> Attachment.of("big.log", big))
        .hasMessage("cannot attach big.log: 262145 bytes of text is over the 262144-byte limit");
    Path huge = dir.resolve("huge.png");
    byte[] img = Arrays.copyOf(PNG, Attachment.MAX_IMAGE_BYTES + 1);
    Files.write(huge, img);
    assertThatThrownBy(() -> Attachment.load(huge)).hasMessageContaining("huge.png: 5242881 bytes"
        + " is over the 5242880-byte limit for images");
    assertThatThrownBy(() -> Attachment.load(dir.resolve("nope.txt")))
        .hasMessage("cannot attach " + dir.resolve("nope.txt") + ": no such file");
    assertThatThrownBy(() -> Attachment.load(dir)).hasMessageContaining("it is a directory");
    Path ok = dir.resolve("notes.md");
    Files.writeString(ok, "# hi\n");
    assertThat(Attachment.load(ok).name()).isEqualTo("notes.md");
    assertThat(Attachment.load(ok).describe()).isEqualTo("notes.md (text, 5 B)");
  }
}

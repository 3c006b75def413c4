package org.ssechat.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssechat.client.Attachment;
import org.ssechat.client.ChatMessage;
import org.ssechat.client.Metrics;
import org.ssechat.client.Outcome;

/** Sessions remember attachments: metadata in the session file, content by SHA-256 beside it. */
class SessionAttachmentsTest {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 7, 7};

  @TempDir
  Path dir;

  private static Turn turn(String user, List<Attachment> files) {
    return new Turn(user, "answer to " + user, "", List.of(), "m", Outcome.FINISHED, "stop",
        null, null, Metrics.NONE, "2026-12-05T00:00:00Z", files);
  }

  @Test
  void roundTripSendsTheFilesAgainWithoutBloatingTheSessionFile() throws Exception {
    Attachment text = Attachment.of("notes.md", "# Plan\n".repeat(100)
        .getBytes(StandardCharsets.UTF_8));
    Attachment image = Attachment.of("shot.png", PNG);
    SessionStore store = new SessionStore(dir, null);
    store.save(new Session("s", "2026-12-05T00:00:00Z", null,
        List.of(turn("first", List.of(text, image)), turn("second", List.of(text)))));

    String json = Files.readString(dir.resolve("s.json"));
    assertThat(json).contains("\"sha256\" : \"" + text.sha256() + "\"").contains("notes.md")
        .doesNotContain("# Plan").doesNotContain("IyBQbGFu").hasSizeLessThan(4000); // no base64 either
    Path blob = dir.resolve("attachments").resolve(text.sha256());
    assertThat(Files.readAllBytes(blob)).isEqualTo(text.bytes());
    try (var files = Files.list(dir.resolve("attachments"))) {
      assertThat(files).hasSize(2); // the text file attached twice is stored once
    }
    if (blob.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(blob)))
          .isEqualTo("rw-------");
    }

    Session back = store.load("s");
    List<ChatMessage> messages = back.messagesFor("third");
    assertThat(messages.get(0).attachments()).extracting(Attachment::name)
        .containsExactly("notes.md", "shot.png");
    assertThat(messages.get(0).attachments().get(0).bytes()).isEqualTo(text.bytes());
    assertThat(messages.get(0).attachments().get(1).bytes()).isEqualTo(PNG);
    assertThat(messages.get(2).attachments()).hasSize(1);
  }

  @Test
  void aMissingOrTamperedBlobLeavesTheMetadataOnly() throws Exception {
    Attachment text = Attachment.of("a.txt", "hello\n".getBytes(StandardCharsets.UTF_8));
    SessionStore store = new SessionStore(dir, null);
    store.save(new Session("s", "2026-12-05T00:00:00Z", null, List.of(turn("q", List.of(text)))));
    Files.writeString(dir.resolve("attachments").resolve(text.sha256()), "changed\n");
    Attachment back = store.load("s").turns().get(0).attachments().get(0);
    assertThat(back.name()).isEqualTo("a.txt");
    assertThat(back.bytes()).isNull();
  }

  @Test
  void aVersionOneSessionStillLoads() throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("old.json"), """
        {
          "format" : "ssechat-session",
          "version" : 1,
          "name" : "old",
          "created" : "2026-11-24T00:00:00Z",
          "updated" : "2026-11-24T00:00:01Z",
          "system" : "be brief",
          "turns" : [ {
            "user" : "hi",
            "answer" : "hello",
            "reasoning" : "",
            "toolCalls" : [ ],
            "model" : "m",
            "outcome" : "FINISHED",
            "finishReason" : "stop",
            "at" : "2026-11-24T00:00:01Z"
          } ]
        }
        """);
    Session s = new SessionStore(dir, null).load("old");
    assertThat(s.turns()).hasSize(1);
    assertThat(s.turns().get(0).attachments()).isEmpty();
    assertThat(s.messagesFor("again")).extracting(ChatMessage::content)
        .containsExactly("be brief", "hi", "hello", "again");
  }
}

package org.ssechat.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelListTest {

  private static List<String> read(String json) {
    byte[] b = ("  " + json + " ").getBytes(StandardCharsets.UTF_8);
    return ModelList.read(b, 2, b.length - 3);
  }

  @Test
  void openAiList() {
    assertThat(read("{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o\",\"object\":\"model\","
        + "\"created\":1,\"owned_by\":\"x\",\"permission\":[{\"id\":\"not-a-model\"}]},"
        + "{\"id\":\"deepseek-r1\"}]}")).containsExactly("gpt-4o", "deepseek-r1");
  }

  @Test
  void bareArrayAndOllamaNames() {
    assertThat(read("[{\"id\":\"a\"},{\"id\":\"b\"}]")).containsExactly("a", "b");
    assertThat(read("{\"models\":[{\"name\":\"llama3:8b\",\"model\":\"llama3:8b\"},"
        + "{\"name\":\"qwen\",\"id\":\"qwen-id\"}]}")).containsExactly("llama3:8b", "qwen-id");
  }

  @Test
  void entriesWithoutAStringIdAreSkipped() {
    assertThat(read("{\"data\":[{\"id\":7},{\"id\":\"\"},\"x\",null,{\"id\":\"ok\"}]}"))
        .containsExactly("ok");
    assertThat(read("{\"data\":[]}")).isEmpty();
  }

  @Test
  void notAModelList() {
    assertThatThrownBy(() -> read("{\"error\":{\"message\":\"no\"}}"))
        .hasMessage("no 'data' or 'models' list");
    assertThatThrownBy(() -> read("<html>")).hasMessageStartingWith("not valid JSON");
    assertThatThrownBy(() -> read("\"gpt\"")).hasMessage("not a JSON object or array");
    assertThatThrownBy(() -> read("{\"data\":[{\"id\":\"a\"}]")).hasMessageStartingWith(
        "not valid JSON");
    assertThatThrownBy(() -> read("{\"data\":[]} x")).hasMessageContaining("JSON");
  }
}

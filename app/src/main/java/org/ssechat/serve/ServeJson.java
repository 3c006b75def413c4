package org.ssechat.serve;

import java.net.InetSocketAddress;
import java.net.URI;
import org.ssechat.replay.RecordingLibrary;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** What both serve engines say the same way: the base URL, the model list, error bodies. */
final class ServeJson {
  static final ObjectMapper JSON = JsonMapper.builder().build();

  private ServeJson() {}

  /** {@code http://HOST:PORT/v1} for a bound address (IPv6 hosts bracketed). */
  static URI baseUrl(InetSocketAddress bound) {
    String host = bound.getHostString();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
        + bound.getPort() + "/v1");
  }

  /** The recordings as an OpenAI model list. */
  static ObjectNode models(RecordingLibrary library) {
    ObjectNode list = JSON.createObjectNode();
    list.put("object", "list");
    ArrayNode data = list.putArray("data");
    for (String name : library.names()) {
      ObjectNode m = data.addObject();
      m.put("id", name);
      m.put("object", "model");
      m.put("created", 0);
      m.put("owned_by", "ssechat-recordings");
    }
    return list;
  }

  /** An OpenAI-style error body: {@code {"error":{"message","type","param":null,"code":null}}}. */
  static ObjectNode error(String message, String type) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode err = root.putObject("error");
    err.put("message", message);
    err.put("type", type);
    err.putNull("param");
    err.putNull("code");
    return root;
  }

  static byte[] bytes(JsonNode body) {
    return JSON.writeValueAsBytes(body);
  }
}

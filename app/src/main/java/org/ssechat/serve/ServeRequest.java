package org.ssechat.serve;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.ssechat.chat.ChatStreamDecoder.Dialect;
import org.ssechat.failure.Failures;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * How both serve engines read a request: where it goes ({@link #route}) and what an answer
 * request's body asks ({@link #read}). Whatever is wrong with either is a {@link Refused},
 * which each engine answers as an OpenAI-style error with its status.
 */
final class ServeRequest {
  private ServeRequest() {}

  /** A request refused: the status, and the error's message and type. */
  static final class Refused extends Exception {
    private final int status;
    private final String type;

    Refused(int status, String message, String type) {
      super(message, null, false, false); // an answer to send, not a fault: no stack trace
      this.status = status;
      this.type = type;
    }

    /** A client error ({@code invalid_request_error}). */
    static Refused invalid(int status, String message) {
      return new Refused(status, message, "invalid_request_error");
    }

    /** A request body over {@code maxBytes}: 413, worded alike by both engines. */
    static Refused tooLarge(int maxBytes) {
      return invalid(413, "request body over the limit of " + maxBytes + " bytes");
    }

    int status() {
      return status;
    }

    String type() {
      return type;
    }
  }

  /** Where a request goes: the model list, or an answer in {@code dialect}. */
  record Route(Dialect dialect) {
    boolean models() {
      return dialect == null;
    }
  }

  /** What an answer request asks: streamed or not, and the model and prompt (each may be null). */
  record Ask(boolean stream, String model, String prompt) {}

  /**
   * The route of {@code method} {@code path} (without its query); the paths also work without
   * {@code /v1}.
   *
   * @throws Refused 404 for an unknown path, 405 for the wrong method
   */
  static Route route(String method, String path) throws Refused {
    Dialect dialect = switch (path) {
      case "/v1/chat/completions", "/chat/completions" -> Dialect.CHAT;
      case "/v1/messages" -> Dialect.MESSAGES;
      case "/v1/responses" -> Dialect.RESPONSES;
      default -> null;
    };
    boolean models = path.equals("/v1/models") || path.equals("/models");
    if (dialect == null && !models) {
      throw Refused.invalid(404, "no route " + method + " " + Failures.excerpt(path, null)
          + " (this server has POST /v1/chat/completions, /v1/messages, /v1/responses and "
          + "GET /v1/models)");
    }
    if (!method.equals(models ? "GET" : "POST")) {
      throw Refused.invalid(405, "method " + method + " not allowed on " + path);
    }
    return new Route(dialect);
  }

  /**
   * The JSON body of an answer request to {@code dialect}, read.
   *
   * @throws Refused 400 if it is not JSON, not an object, has no {@code messages} array (chat),
   *     or is a Messages or Responses request that does not ask for a stream
   * @throws IOException if the body cannot be read
   */
  static Ask read(InputStream body, Dialect dialect) throws Refused, IOException {
    JsonNode req;
    try {
      req = ServeJson.JSON.readTree(body);
    } catch (JacksonException e) {
      throw Refused.invalid(400, "request body is not valid JSON: " + Failures.oneLine(e));
    }
    if (req == null || !req.isObject()) {
      throw Refused.invalid(400, "request body must be a JSON object");
    }
    boolean stream = req.path("stream").asBoolean(false);
    String prompt;
    if (dialect == Dialect.CHAT) {
      if (!req.path("messages").isArray()) {
        throw Refused.invalid(400, "'messages' must be an array");
      }
      prompt = RequestPrompts.lastUserMessage(req.path("messages"));
    } else {
      if (!stream) {
        throw Refused.invalid(400, "this server answers "
            + dialect.name().toLowerCase(Locale.ROOT) + " requests with stream: true only");
      }
      prompt = RequestPrompts.prompt(req, dialect);
    }
    String model = req.path("model").isString() ? req.path("model").asString() : null;
    return new Ask(stream, model, prompt);
  }
}

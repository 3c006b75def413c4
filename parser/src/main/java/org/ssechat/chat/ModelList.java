package org.ssechat.chat;

import static org.ssechat.chat.JsonCursor.END;
import static org.ssechat.chat.JsonCursor.END_ARRAY;
import static org.ssechat.chat.JsonCursor.NAME;
import static org.ssechat.chat.JsonCursor.START_ARRAY;
import static org.ssechat.chat.JsonCursor.START_OBJECT;
import static org.ssechat.chat.JsonCursor.STRING;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the answer to {@code GET /v1/models}: the OpenAI list {@code {"data":[{"id":…}]}}, a
 * bare array {@code [{"id":…}]}, or Ollama's {@code {"models":[{"name":…}]}} ({@code id} wins
 * over {@code name} in an entry). Entries without a string id are skipped.
 */
public final class ModelList {
  private static final JsonCursor.Names ROOT = new JsonCursor.Names("data", "models");
  private static final JsonCursor.Names ENTRY = new JsonCursor.Names("id", "name");

  private ModelList() {}

  /**
   * The model ids in {@code json[off, off + len)}.
   *
   * @throws IllegalArgumentException with a one-line reason if the bytes are not JSON or not a
   *     model list
   */
  public static List<String> read(byte[] json, int off, int len) {
    JsonCursor c = new JsonCursor();
    c.reset(json, off, off + len);
    List<String> ids = new ArrayList<>();
    try {
      int t = c.next();
      boolean found = false;
      if (t == START_ARRAY) {
        entries(c, ids);
        found = true;
      } else if (t == START_OBJECT) {
        while (c.next() == NAME) {
          int name = c.name(ROOT);
          int v = c.next();
          if (name >= 0 && v == START_ARRAY) {
            entries(c, ids);
            found = true;
          } else {
            c.skipValue();
          }
        }
      } else {
        throw new IllegalArgumentException("not a JSON object or array");
      }
      if (c.next() != END) {
        throw new IllegalArgumentException("unexpected text after the JSON");
      }
      if (!found) {
        throw new IllegalArgumentException("no 'data' or 'models' list");
      }
      return ids;
    } catch (JsonCursor.SyntaxError e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getMessage());
    }
  }

  private static void entries(JsonCursor c, List<String> ids) {
    int t;
    while ((t = c.next()) != END_ARRAY) {
      if (t != START_OBJECT) {
        c.skipValue();
        continue;
      }
      String id = null;
      String name = null;
      while (c.next() == NAME) {
        int field = c.name(ENTRY);
        int v = c.next();
        if (field >= 0 && v == STRING && c.textLength() > 0) {
          if (field == 0) {
            id = c.text();
          } else {
            name = c.text();
          }
        } else {
          c.skipValue();
        }
      }
      if (id != null || name != null) {
        ids.add(id != null ? id : name);
      }
    }
  }
}

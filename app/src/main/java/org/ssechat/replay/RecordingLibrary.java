package org.ssechat.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.ssechat.record.Recording;

/**
 * A named set of recordings (the bundled ones on the class path, or the {@code *.sse} files of a
 * directory) and the rule that picks one for a request.
 *
 * <p><b>Selection</b> ({@link #select}): a model name equal to a recording name picks that
 * recording. Otherwise the last user message is hashed (64-bit FNV-1a over its UTF-8 bytes) and
 * the hash, modulo the number of rotating recordings, indexes their sorted names: the same prompt
 * always gets the same recording. Every recording of a directory rotates; bundled ones marked
 * {@code by-name} in {@code recordings/index.txt} (error and truncation samples) are only chosen
 * by name.
 *
 * <p>The name list is fixed when the library is made; recordings are loaded on first use and
 * cached. Thread-safe.
 */
public final class RecordingLibrary {

  /** The class-path directory of the bundled recordings. */
  public static final String BUNDLED_DIR = "recordings";
  /** The bundled index: one {@code NAME [by-name]} per line, {@code #} comments. */
  public static final String INDEX = BUNDLED_DIR + "/index.txt";

  private final List<String> names;
  private final List<String> rotation;
  private final Loader loader;
  private final String description;
  private final Map<String, Recording> cache = new ConcurrentHashMap<>();

  @FunctionalInterface
  private interface Loader {
    Recording load(String name) throws IOException;
  }

  private RecordingLibrary(List<String> names, List<String> rotation, Loader loader,
      String description) {
    this.names = List.copyOf(new TreeSet<>(names));
    this.rotation = List.copyOf(new TreeSet<>(rotation));
    this.loader = loader;
    this.description = description;
  }

  /**
   * The recordings bundled under {@code recordings/} on the class path.
   *
   * @throws IllegalStateException if the index is missing (a broken build)
   */
  public static RecordingLibrary bundled() {
    ClassLoader cl = RecordingLibrary.class.getClassLoader();
    List<String> all = new ArrayList<>();
    List<String> rotating = new ArrayList<>();
    try (InputStream in = cl.getResourceAsStream(INDEX)) {
      if (in == null) {
        throw new IllegalStateException("bundled recordings index " + INDEX + " is missing");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        String[] parts = line.strip().split("\\s+");
        if (parts[0].isEmpty() || parts[0].startsWith("#")) {
          continue;
        }
        all.add(parts[0]);
        if (parts.length < 2 || !parts[1].equals("by-name")) {
          rotating.add(parts[0]);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + INDEX + ": " + e.getMessage(), e);
    }
    return new RecordingLibrary(all, rotating,
        name -> Recording.loadResource(cl, BUNDLED_DIR, name), "bundled recordings");
  }

  /**
   * The {@code *.sse} files of {@code dir} (not recursive), all rotating.
   *
   * @throws IOException if {@code dir} is not a readable directory, or holds no recordings
   */
  public static RecordingLibrary directory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "not a directory");
    }
    List<String> all = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.sse")) {
      for (Path f : files) {
        if (Files.isRegularFile(f)) {
          all.add(Recording.nameOf(f.getFileName().toString()));
        }
      }
    }
    if (all.isEmpty()) {
      throw new NoSuchFileException(dir.toString(), null, "no *.sse recordings in it");
    }
    return new RecordingLibrary(all, all, name -> Recording.load(dir.resolve(name + ".sse")),
        dir.toString());
  }

  /** Every recording name, sorted. */
  public List<String> names() {
    return names;
  }

  /** The names prompt-based selection picks from, sorted. */
  public List<String> rotation() {
    return rotation;
  }

  /** Where the recordings come from: {@code bundled recordings} or the directory. */
  public String description() {
    return description;
  }

  /** Whether {@code name} is a recording of this library. */
  public boolean contains(String name) {
    return name != null && Collections.binarySearch(names, name) >= 0;
  }

  /**
   * The recording called {@code name}, loaded once and cached.
   *
   * @throws IOException if it is not in the library or cannot be read
   */
  public Recording get(String name) throws IOException {
    if (!contains(name)) {
      throw new NoSuchFileException(name, null, "no such recording in " + description);
    }
    Recording r = cache.get(name);
    if (r == null) {
      r = loader.load(name);
      cache.putIfAbsent(name, r);
    }
    return r;
  }

  /**
   * The recording name for a request: {@code model} if it names a recording, else the one the
   * prompt hashes to (see the class comment).
   *
   * @param model  the requested model, or null
   * @param prompt the last user message, or null (treated as empty)
   */
  public String select(String model, String prompt) {
    if (contains(model)) {
      return model;
    }
    List<String> pool = rotation.isEmpty() ? names : rotation;
    return pool.get((int) Long.remainderUnsigned(fnv1a(prompt == null ? "" : prompt),
        pool.size()));
  }

  /** 64-bit FNV-1a over the UTF-8 bytes: stable across runs, JVMs and platforms. */
  static long fnv1a(String text) {
    long h = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}

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
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.ssechat.record.Recording;

/**
 * A named set of recordings (the bundled ones on the class path, or the {@code *.sse} files of a
 * directory) and the rule that picks one for a request.
 *
 * <p><b>Matching</b> ({@link #match}), first rule that applies:
 * <ol>
 *   <li><b>model</b>: a model name equal to a recording name picks that recording. Naming a
 *       recording is an explicit choice, so it wins over the prompt.</li>
 *   <li><b>exact</b>: a recording whose prompt (the sidecar's {@code request.prompt}) equals the
 *       last user message once both are {@linkplain #normalise normalised}.</li>
 *   <li><b>near</b>: the recording whose normalised prompt is most similar to the normalised
 *       message, if the similarity is at least {@value #NEAR_THRESHOLD}: the
 *       {@linkplain #similarity Dice coefficient of their character bigrams}.</li>
 *   <li><b>none</b>: nothing matches. There is no fallback recording: the caller says so
 *       ({@link NoMatchAnswer}).</li>
 * </ol>
 * Ties go to the first name in sort order. Only recordings with a prompt take part in 2 and 3;
 * bundled ones marked {@code by-name} in {@code recordings/index.txt} (samples of broken
 * streams) never do, whatever their sidecar says.
 *
 * <p>The name list is fixed when the library is made; recordings are loaded on first use and
 * cached (the first prompt match loads every candidate once to read its prompt). Thread-safe.
 */
public final class RecordingLibrary {

  /** The class-path directory of the bundled recordings. */
  public static final String BUNDLED_DIR = "recordings";
  /** The bundled index: one {@code NAME [by-name]} per line, {@code #} comments. */
  public static final String INDEX = BUNDLED_DIR + "/index.txt";

  /** The least {@link #similarity} of a near match. */
  public static final double NEAR_THRESHOLD = 0.8;

  private final List<String> names;
  private final List<String> matchable;
  private final Loader loader;
  private final String description;
  private final Map<String, Recording> cache = new ConcurrentHashMap<>();
  private volatile Map<String, String> prompts;

  @FunctionalInterface
  private interface Loader {
    Recording load(String name) throws IOException;
  }

  /**
   * How a request was matched to a recording.
   *
   * @param name  the recording, or null for {@link Kind#NONE}
   * @param kind  which rule matched
   * @param score the prompt similarity (1 for model and exact matches, 0 for none)
   */
  public record Match(String name, Kind kind, double score) {
    /** No recording matches. */
    public static final Match NONE = new Match(null, Kind.NONE, 0);

    /** Whether a recording was found. */
    public boolean found() {
      return kind != Kind.NONE;
    }
  }

  /** The matching rules, in the order they are tried. */
  public enum Kind {
    MODEL, EXACT, NEAR, NONE;

    /** The lower-case name, e.g. for the {@code X-Ssechat-Match} header. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private RecordingLibrary(List<String> names, List<String> matchable, Loader loader,
      String description) {
    this.names = List.copyOf(new TreeSet<>(names));
    this.matchable = List.copyOf(new TreeSet<>(matchable));
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
    List<String> byPrompt = new ArrayList<>();
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
          byPrompt.add(parts[0]);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + INDEX + ": " + e.getMessage(), e);
    }
    return new RecordingLibrary(all, byPrompt,
        name -> Recording.loadResource(cl, BUNDLED_DIR, name), "bundled recordings");
  }

  /**
   * The {@code *.sse} files of {@code dir} (not recursive); those with a prompt in their sidecar
   * are matched by prompt too.
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

  /**
   * The recordings that can be matched by prompt, name → prompt, sorted by name. Loads each
   * candidate once; one that cannot be read or has no prompt is left out (it can still be chosen
   * by name).
   */
  public Map<String, String> prompts() {
    Map<String, String> p = prompts;
    if (p == null) {
      Map<String, String> found = new TreeMap<>();
      for (String name : matchable) {
        try {
          String prompt = get(name).prompt();
          if (prompt != null && !normalise(prompt).isEmpty()) {
            found.put(name, prompt);
          }
        } catch (IOException | RuntimeException e) {
          // unreadable: it fails with its own message when chosen by name
        }
      }
      p = Collections.unmodifiableMap(found);
      prompts = p;
    }
    return p;
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
   * The recording for a request (see the class comment for the rules).
   *
   * @param model  the requested model, or null
   * @param prompt the last user message, or null
   */
  public Match match(String model, String prompt) {
    if (contains(model)) {
      return new Match(model, Kind.MODEL, 1);
    }
    String wanted = prompt == null ? "" : normalise(prompt);
    if (wanted.isEmpty()) {
      return Match.NONE;
    }
    Match best = Match.NONE;
    for (Map.Entry<String, String> e : prompts().entrySet()) {
      String candidate = normalise(e.getValue());
      if (candidate.equals(wanted)) {
        return new Match(e.getKey(), Kind.EXACT, 1);
      }
      double score = similarity(candidate, wanted);
      if (score >= NEAR_THRESHOLD && score > best.score()) {
        best = new Match(e.getKey(), Kind.NEAR, score);
      }
    }
    return best;
  }

  /**
   * A prompt as matching compares it: Unicode NFKC (so full-width {@code ？Ａ１} equal ASCII
   * {@code ?A1}), case-folded, with every whitespace and punctuation character removed.
   */
  public static String normalise(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT)
        .toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)
        && !isPunctuation(c)).forEach(out::appendCodePoint);
    return out.toString();
  }

  private static boolean isPunctuation(int c) {
    switch (Character.getType(c)) {
      case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION, Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION -> {
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  /**
   * The Dice coefficient of the character bigrams (pairs of adjacent code points, counted with
   * multiplicity) of two normalised strings: {@code 2·|A∩B| / (|A| + |B|)}, from 0 (no bigram in
   * common) to 1. Strings shorter than two code points have no bigrams: 1 if equal, else 0.
   */
  public static double similarity(String a, String b) {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    if (x.length < 2 || y.length < 2) {
      return Arrays.equals(x, y) ? 1 : 0;
    }
    Map<Long, Integer> bigrams = new HashMap<>();
    for (int i = 1; i < x.length; i++) {
      bigrams.merge(bigram(x, i), 1, Integer::sum);
    }
    int common = 0;
    for (int i = 1; i < y.length; i++) {
      Integer left = bigrams.get(bigram(y, i));
      if (left != null && left > 0) {
        bigrams.put(bigram(y, i), left - 1);
        common++;
      }
    }
    return 2.0 * common / (x.length - 1 + y.length - 1);
  }

  private static long bigram(int[] codePoints, int i) {
    return ((long) codePoints[i - 1] << 32) | (codePoints[i] & 0xffffffffL);
  }
}

package org.ssechat.render;

/** {@link VirtualScreen} for tests outside this package. */
public final class VirtualScreenAccess {
  private final VirtualScreen screen;

  public VirtualScreenAccess(int width) {
    screen = new VirtualScreen(width, DisplayWidth.NARROW);
  }

  public void feed(String s) {
    screen.feed(s);
  }

  public String text() {
    return screen.text();
  }

  public java.util.List<String> overflowRows() {
    return screen.overflowRows;
  }

  public int overflow() {
    return screen.overflow;
  }
}

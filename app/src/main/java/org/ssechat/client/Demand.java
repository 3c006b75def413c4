package org.ssechat.client;

/**
 * What the consumer of a response body wants after a read: returned by
 * {@link ResponseStreamProcessor#feed}, so a source of bytes (a transport, a player) decides when
 * to stop reading without asking the decoder about its state.
 */
public enum Demand {
  /** Keep reading. */
  MORE,
  /**
   * The stream said it is done ({@code [DONE]}): read what still comes, but do not wait long for
   * the end of the body.
   */
  LINGER,
  /** Stop reading: decoding failed or a limit was reached; the result will say why. */
  STOP
}
